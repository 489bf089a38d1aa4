// Tiny DOM helpers: elements are built with createElement and text nodes, never from HTML strings, so data from the
// API (vendor names, messages) can never inject markup.
export type Child = Node | string | number | null | undefined | false | Child[];
type EventHandler = (event: Event) => void;
export type Attrs = {
  [name: string]: string | number | boolean | null | undefined | EventHandler | Record<string, string>;
};

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Attrs | null = null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on') && typeof value === 'function') {
        el.addEventListener(name.slice(2).toLowerCase(), value);
      } else if (name === 'dataset' && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) el.dataset[k] = v;
      } else if (typeof value === 'function' || typeof value === 'object') {
        // A handler is only taken under an on* name and an object only as dataset: anything else is a caller's mistake.
        throw new TypeError(`h(${tag}): attribute ${name} takes a string, a number or a boolean`);
      } else if (name === 'class') {
        el.className = String(value);
      } else if (value === true) {
        el.setAttribute(name, '');
      } else {
        el.setAttribute(name, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else
      parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

export const icon = (name: string, label?: string): HTMLElement =>
  label
    ? h('i', { class: `bi bi-${name}`, role: 'img', 'aria-label': label })
    : h('i', { class: `bi bi-${name}`, 'aria-hidden': 'true' });

let idCounter = 0;
export const uid = (prefix = 'id'): string => `${prefix}-${++idCounter}`;
