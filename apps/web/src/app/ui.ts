import { t, type MessageKey } from '../i18n/index.js';
import { ApiError } from './api.js';
import { h, icon, uid, type Child } from './dom.js';
import { formatDateTime } from './format.js';

// Shared building blocks of every screen: headers, loading and empty states, errors, badges, timelines.

export function pageHeader(
  title: string,
  options: { subtitle?: Child; actions?: Child; breadcrumb?: { href: string; label: string }[] } = {},
) {
  return h(
    'header',
    { class: 'page-header' },
    options.breadcrumb?.length
      ? h(
          'nav',
          { 'aria-label': t('a11y.breadcrumb') },
          h(
            'ol',
            { class: 'breadcrumb mb-1' },
            options.breadcrumb.map((b) => h('li', { class: 'breadcrumb-item' }, h('a', { href: b.href }, b.label))),
            h('li', { class: 'breadcrumb-item active', 'aria-current': 'page' }, title),
          ),
        )
      : null,
    h(
      'div',
      { class: 'd-flex flex-wrap align-items-start justify-content-between gap-2' },
      h(
        'div',
        null,
        h('h1', { class: 'h3 mb-1', tabindex: '-1', id: 'page-title' }, title),
        options.subtitle ? h('p', { class: 'text-body-secondary mb-0' }, options.subtitle) : null,
      ),
      options.actions ? h('div', { class: 'd-flex flex-wrap gap-2' }, options.actions) : null,
    ),
  );
}

export const spinner = (label: string = t('common.loading')) =>
  h(
    'div',
    { class: 'd-flex align-items-center gap-2 text-body-secondary py-3', role: 'status' },
    h('span', { class: 'spinner-border spinner-border-sm', 'aria-hidden': 'true' }),
    h('span', null, label),
  );

export function alertBox(kind: 'danger' | 'warning' | 'info' | 'success', title: Child, body?: Child, extra?: Child) {
  const iconName = {
    danger: 'exclamation-octagon',
    warning: 'exclamation-triangle',
    info: 'info-circle',
    success: 'check-circle',
  }[kind];
  return h(
    'div',
    { class: `alert alert-${kind} d-flex gap-2`, role: kind === 'danger' || kind === 'warning' ? 'alert' : 'status' },
    icon(iconName),
    h(
      'div',
      { class: 'flex-grow-1' },
      title ? h('strong', { class: 'd-block' }, title) : null,
      body ? h('div', null, body) : null,
      extra ?? null,
    ),
  );
}

// An API error as a person can act on it: the localised title and detail, and each field message.
export function errorBox(error: unknown, retry?: () => void) {
  if (error instanceof ApiError) {
    const p = error.problem;
    return alertBox(
      'danger',
      p.title || t('error.title'),
      p.detail && p.detail !== p.title ? p.detail : null,
      h(
        'div',
        null,
        error.fieldErrors.length
          ? h(
              'ul',
              { class: 'mb-0 mt-1' },
              error.fieldErrors.map((e) => h('li', null, e.message)),
            )
          : null,
        retry
          ? h(
              'button',
              { type: 'button', class: 'btn btn-sm btn-outline-danger mt-2', onclick: retry },
              icon('arrow-clockwise'),
              ' ',
              t('common.retry'),
            )
          : null,
      ),
    );
  }
  return alertBox(
    'danger',
    t('error.title'),
    error instanceof Error ? error.message : String(error),
    retry
      ? h('button', { type: 'button', class: 'btn btn-sm btn-outline-danger mt-2', onclick: retry }, t('common.retry'))
      : null,
  );
}

export function emptyState(options: { icon: string; title: string; text?: Child; action?: Child }) {
  return h(
    'div',
    { class: 'empty-state text-center py-4 px-3' },
    h('div', { class: 'empty-state-icon mb-2' }, icon(options.icon)),
    h('p', { class: 'h6 mb-1' }, options.title),
    options.text ? h('p', { class: 'text-body-secondary mb-3' }, options.text) : null,
    options.action ?? null,
  );
}

// A screen whose API has not landed yet: say so plainly, and what the person can do meanwhile.
export function notAvailable(what: string, text: Child = t('common.notAvailable.text')) {
  return h(
    'section',
    { class: 'card border-dashed', 'data-state': 'not-available' },
    h(
      'div',
      { class: 'card-body' },
      emptyState({ icon: 'hourglass-split', title: t('common.notAvailable.title', { what }), text }),
    ),
  );
}

export function badge(text: string, tone: Tone = 'secondary', extra: Record<string, string> = {}) {
  return h('span', { class: `badge rounded-pill text-bg-${tone} status-badge`, ...extra }, text);
}
export type Tone = 'primary' | 'secondary' | 'success' | 'danger' | 'warning' | 'info' | 'light' | 'dark';

// Runs an action with a visible busy state on its button: disabled, spinner, aria-busy. Errors go to onError.
export async function withBusy<T>(button: HTMLButtonElement | null, action: () => Promise<T>): Promise<T> {
  const original = button ? Array.from(button.childNodes) : [];
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.replaceChildren(
      h('span', { class: 'spinner-border spinner-border-sm me-1', 'aria-hidden': 'true' }),
      ...original.map((n) => n.cloneNode(true)),
    );
  }
  try {
    return await action();
  } finally {
    if (button && button.isConnected) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.replaceChildren(...original);
    }
  }
}

export function definitionList(rows: [string, Child][]) {
  return h(
    'dl',
    { class: 'row mb-0 definition-list' },
    rows.flatMap(([label, value]) => [
      h('dt', { class: 'col-sm-5 col-lg-4 text-body-secondary fw-normal' }, label),
      h('dd', { class: 'col-sm-7 col-lg-8' }, value ?? '—'),
    ]),
  );
}

export type TimelineItem = { at: string | null; title: string; text?: Child; icon?: string; tone?: Tone; pending?: boolean };
export function timeline(items: TimelineItem[]) {
  if (!items.length) return emptyState({ icon: 'clock-history', title: t('timeline.empty') });
  return h(
    'ol',
    { class: 'timeline list-unstyled mb-0' },
    items.map((item) =>
      h(
        'li',
        { class: `timeline-item${item.pending ? ' timeline-pending' : ''}` },
        h(
          'span',
          { class: `timeline-dot text-bg-${item.tone ?? (item.pending ? 'light' : 'primary')}`, 'aria-hidden': 'true' },
          icon(item.icon ?? (item.pending ? 'circle' : 'check2')),
        ),
        h(
          'div',
          { class: 'timeline-body' },
          h('div', { class: 'fw-semibold' }, item.title),
          item.at
            ? h('time', { class: 'small text-body-secondary', datetime: item.at }, formatDateTime(item.at))
            : item.pending
              ? h('span', { class: 'small text-body-secondary' }, t('timeline.pending'))
              : null,
          item.text ? h('div', { class: 'small mt-1' }, item.text) : null,
        ),
      ),
    ),
  );
}

export function card(
  title: Child,
  body: Child,
  options: { footer?: Child; headerExtra?: Child; class?: string; id?: string } = {},
) {
  const headingId = options.id ? `${options.id}-title` : undefined;
  return h(
    'section',
    { class: `card ${options.class ?? ''}`, id: options.id, 'aria-labelledby': headingId },
    h(
      'div',
      { class: 'card-header d-flex align-items-center justify-content-between gap-2' },
      h('h2', { class: 'h6 mb-0', id: headingId }, title),
      options.headerExtra ?? null,
    ),
    h('div', { class: 'card-body' }, body),
    options.footer ? h('div', { class: 'card-footer' }, options.footer) : null,
  );
}

// Loads data into a container with a spinner, an error with "retry", and the rendered result.
export async function load<T>(
  container: HTMLElement,
  fetcher: () => Promise<T>,
  render: (data: T) => Child,
  label?: string,
): Promise<T | undefined> {
  container.replaceChildren(spinner(label));
  container.setAttribute('aria-busy', 'true');
  try {
    const data = await fetcher();
    container.replaceChildren();
    const out = render(data);
    if (out !== null && out !== undefined && out !== false)
      container.append(
        ...(Array.isArray(out)
          ? out
              .flat(5)
              .filter((n): n is Node | string => n !== null && n !== undefined && n !== false)
              .map((n) => (typeof n === 'number' ? String(n) : n))
          : [typeof out === 'number' ? String(out) : out]),
      );
    return data;
  } catch (error) {
    if ((error as Error).name === 'AbortError') return undefined;
    container.replaceChildren(errorBox(error, () => void load(container, fetcher, render, label)));
    return undefined;
  } finally {
    container.removeAttribute('aria-busy');
  }
}

export const labelFor = (key: MessageKey) => t(key);

// A small labelled form control (input, select or textarea) with Bootstrap markup.
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, help?: string) {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  const helpId = help ? `${id}-help` : undefined;
  if (helpId) control.setAttribute('aria-describedby', helpId);
  const isCheck = control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio');
  if (isCheck)
    return h(
      'div',
      { class: 'form-check mb-3' },
      control,
      h('label', { class: 'form-check-label', for: id }, label),
      help ? h('div', { class: 'form-text', id: helpId }, help) : null,
    );
  return h(
    'div',
    { class: 'mb-3' },
    h('label', { class: 'form-label', for: id }, label),
    control,
    help ? h('div', { class: 'form-text', id: helpId }, help) : null,
    h('div', { class: 'invalid-feedback' }),
  );
}

// Shows server field errors on plain (non-Form.io) forms: is-invalid + the message under the control.
// A message under a form control (Bootstrap's invalid-feedback next to it), announced with the control.
export function markInvalid(control: HTMLElement, message: string): void {
  control.classList.add('is-invalid');
  control.setAttribute('aria-invalid', 'true');
  // Once the person changes the field, the message no longer describes it.
  const clear = () => {
    control.classList.remove('is-invalid');
    control.removeAttribute('aria-invalid');
  };
  control.addEventListener('input', clear, { once: true });
  control.addEventListener('change', clear, { once: true });
  const feedback = control.parentElement?.querySelector<HTMLElement>('.invalid-feedback');
  if (!feedback) return;
  feedback.textContent = message;
  feedback.id ||= uid('feedback');
  const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  if (!described.includes(feedback.id)) control.setAttribute('aria-describedby', [...described, feedback.id].join(' '));
}

// A client-side check that failed: the message at the field, the focus on it; false, for `check() || invalid(…)`.
export function invalid(control: HTMLElement, message: string): false {
  markInvalid(control, message);
  control.focus();
  return false;
}

// A text that is required and at least `min` characters long (trimmed): said at the field when it is not.
export function tooShort(control: HTMLInputElement | HTMLTextAreaElement, min: number): boolean {
  const text = control.value.trim();
  if (text.length >= min) return false;
  invalid(control, text ? t('action.input.tooShort', { n: min }) : t('action.input.required'));
  return true;
}

export function clearInvalid(form: HTMLElement): void {
  for (const el of Array.from(form.querySelectorAll('.is-invalid'))) {
    el.classList.remove('is-invalid');
    el.removeAttribute('aria-invalid');
  }
}

// The server's field errors at their fields (matched by name); true when at least one was shown (the first focused).
export function showFieldErrors(form: HTMLFormElement, error: unknown): boolean {
  clearInvalid(form);
  if (!(error instanceof ApiError)) return false;
  let shown = false;
  for (const fe of error.fieldErrors) {
    const control = form.querySelector<HTMLElement>(`[name="${CSS.escape(fe.path)}"]`);
    if (!control) continue;
    markInvalid(control, fe.message);
    if (!shown) control.focus();
    shown = true;
  }
  return shown;
}

// A table's header row: one column header per label.
export const columnHeaders = (labels: Child[]) =>
  h(
    'tr',
    null,
    labels.map((label) => h('th', { scope: 'col' }, label)),
  );
