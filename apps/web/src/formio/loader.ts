import { FORMIO_FR } from './formio-fr.js';

// Form.io (@formio/js full bundle) is loaded on demand, from our own build, the first time a screen needs a form.
// Every library Form.io would fetch from its CDN (cdn.form.io, jsdelivr) is pointed at our own /vendor copy —
// or, for the few we do not ship, at a local path that answers 404: nothing may load from the internet.
declare const __VENDOR__: {
  bootstrap: string;
  bootstrapIcons: string;
  formio: string;
  ace: string;
  quill: string;
  momentTimezone: string;
  unavailable: string;
};
export const VENDOR = __VENDOR__;

export type FormioComponentInstance = {
  key: string;
  path: string;
  component: Record<string, unknown> & { key: string; type: string; label?: string };
  serverErrors?: unknown[];
  setCustomValidity: (messages: unknown, dirty?: boolean) => void;
  visible: boolean;
  focus?: () => void;
};
export type Webform = {
  ready: Promise<unknown>;
  submission: { data: Record<string, unknown> };
  data: Record<string, unknown>;
  language: string;
  nosubmit: boolean;
  on: (event: string, cb: FormioListener) => void;
  off?: (event: string) => void;
  submit: () => Promise<unknown>;
  destroy: (deleteFromGlobal?: boolean) => void;
  getComponent: (path: string) => FormioComponentInstance | undefined;
  everyComponent: (fn: (c: FormioComponentInstance) => void) => void;
  showErrors: (errors: unknown[], triggerEvent?: boolean) => unknown;
  setAlert: (type: string | false, message?: string) => void;
  redraw: () => Promise<unknown>;
  setPristine: (pristine: boolean) => void;
  checkValidity: (data?: unknown, dirty?: boolean) => boolean;
  serverErrors?: unknown[];
  element?: HTMLElement;
};
export type FormBuilder = {
  ready: Promise<unknown>;
  form: Record<string, unknown>;
  schema: Record<string, unknown>;
  instance: { form: Record<string, unknown>; on: (event: string, cb: FormioListener) => void };
  on: (event: string, cb: FormioListener) => void;
  destroy?: () => void;
};
// Form.io calls a listener with arguments that depend on the event: each listener declares the ones it reads.
type FormioListener = (...args: never[]) => void;
type CdnOverride = string | { cdn: string; lib?: string; version?: string };
export type FormioStatic = {
  version?: string;
  cdn: {
    libs: Record<string, string>;
    setOverrideUrl: (lib: string, url: CdnOverride) => void;
    setBaseUrl: (url: string) => void;
    [lib: string]: unknown;
  };
  Evaluator: { noeval: boolean };
  createForm: (element: HTMLElement, form: unknown, options?: Record<string, unknown>) => Promise<Webform>;
  builder: (element: HTMLElement, form: unknown, options?: Record<string, unknown>) => Promise<FormBuilder>;
  setBaseUrl: (url: string) => void;
  setProjectUrl: (url: string) => void;
  icons?: string;
  Templates: { current: Record<string, Record<string, unknown>> };
};
type PanelCtx = { readOnly?: boolean; component: { collapsible?: boolean } };
type CheckboxCtx = {
  input: { labelClass?: string; content?: string; label?: string };
  self: { labelIsHidden: () => boolean };
  checked: boolean;
  t: (key: string) => string;
};

// The global the Form.io bundle defines when its script has loaded.
const loadedFormio = (): FormioStatic | undefined => (window as Window & { Formio?: FormioStatic }).Formio;

// Where each CDN library Form.io knows is served from (CDN.js: ace, bootstrap, quill, moment-timezone, …).
const SHIPPED: Record<string, string> = {
  ace: VENDOR.ace,
  quill: VENDOR.quill,
  'moment-timezone': VENDOR.momentTimezone,
  'bootstrap-icons': VENDOR.bootstrapIcons,
  js: VENDOR.formio,
};

let loading: Promise<FormioStatic> | null = null;

export function loadFormio(): Promise<FormioStatic> {
  loading ??= new Promise<FormioStatic>((resolve, reject) => {
    const present = loadedFormio();
    if (present) return resolve(configure(present));
    const script = document.createElement('script');
    script.src = `${VENDOR.formio}/formio.full.min.js`;
    script.async = true;
    script.onload = () => {
      const loaded = loadedFormio();
      if (loaded) resolve(configure(loaded));
      else reject(new Error('Form.io did not load'));
    };
    script.onerror = () => {
      loading = null;
      reject(new Error('Form.io could not be loaded'));
    };
    document.head.appendChild(script);
  });
  return loading;
}

export function configure(Formio: FormioStatic): FormioStatic {
  // Any library not listed resolves under a local path too (never cdn.form.io).
  Formio.cdn.setBaseUrl(VENDOR.unavailable);
  for (const lib of Object.keys(Formio.cdn.libs)) {
    // The object form sets the exact URL: no "/<lib>/<version>" suffix is appended.
    Formio.cdn.setOverrideUrl(lib, { cdn: SHIPPED[lib] ?? `${VENDOR.unavailable}/${lib}` });
  }
  // No eval: Form.io interpolates {{ }} without lodash templates and hides JavaScript fields in the builder, so the
  // gateway's CSP needs no 'unsafe-eval'. Our schemas carry no JavaScript anyway (@sons/forms lintSchema refuses it).
  Formio.Evaluator.noeval = true;
  // A read-only panel's header is role="presentation" yet keeps aria-expanded/aria-controls, which ARIA forbids
  // there (axe: aria-allowed-attr); drop them unless the panel really collapses.
  const panelForm = (Formio.Templates.current.panel as { form: (ctx: PanelCtx) => string }).form;
  // An uploaded file's « remove » icon is focusable and labelled but has no role: it is a button.
  const fileForm = (Formio.Templates.current.file as { form: (ctx: unknown) => string }).form;
  // The read-only checkbox template prints "True"/"False" in English: say yes/no in the form's language.
  Formio.Templates.current = {
    file: {
      form: (ctx: unknown) =>
        fileForm(ctx).replaceAll('ref="removeLink" aria-label=', 'ref="removeLink" role="button" aria-label='),
    },
    panel: {
      form: (ctx: PanelCtx) => {
        const html = panelForm(ctx);
        return ctx.readOnly && !ctx.component.collapsible
          ? html.replace(/(role="presentation")\s+aria-expanded="[^"]*"\s+aria-controls="[^"]*"/, '$1')
          : html;
      },
    },
    checkbox: {
      html: (ctx: CheckboxCtx) =>
        `<label class="${ctx.input.labelClass ?? ''}">${ctx.input.content ?? ''}${ctx.self.labelIsHidden() ? '' : `<span>${ctx.input.label ?? ''}</span>`}</label><div ref="value">${ctx.checked ? ctx.t('yes') : ctx.t('no')}</div>`,
    },
  };
  Formio.setBaseUrl(window.location.origin);
  Formio.setProjectUrl(window.location.origin);
  return Formio;
}

// Form.io's i18n option: our French texts for its messages, plus a form's own English labels keyed by French text.
export function formioI18n(formEn: Record<string, string> = {}): Record<string, Record<string, string>> {
  return { fr: { ...FORMIO_FR }, en: { browseFiles: 'browse files', ...formEn } };
}
