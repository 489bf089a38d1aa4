import { ApiError } from '../app/api.js';
import { locale, onLocaleChange, t } from '../i18n/index.js';
import { sonsFileService } from './file-service.js';
import { cleanData, prepareSchema, type FormDefinition } from './schema.js';

export type { FormComponentJson, FormDefinition, FormSchema } from './schema.js';
import { formioI18n, loadFormio, type Webform } from './loader.js';

// Renders a Form.io schema with our conventions: French/English from the schema's i18n map, uploads to our
// attachment store, no eval, submission through our API with the server's field errors shown at the fields.
export type MountedForm = {
  form: Webform;
  destroy: () => void;
  setData: (data: Record<string, unknown>) => void;
};

type Options = {
  readOnly?: boolean;
  data?: Record<string, unknown>;
  onChange?: (data: Record<string, unknown>) => void;
  // Sends the cleaned data; throw an ApiError to show its field errors in the form.
  onSubmit?: (data: Record<string, unknown>) => Promise<void>;
  // Server paths that name a different component (e.g. ndaAttachmentId → ndaFile).
  pathAliases?: Record<string, string>;
};

type FormioError = { message: string; path?: string; component?: unknown; fromServer: true; level: 'error' };

export function toFormioErrors(form: Webform, error: unknown, aliases: Record<string, string> = {}): FormioError[] {
  if (!(error instanceof ApiError))
    return [{ message: error instanceof Error ? error.message : String(error), fromServer: true, level: 'error' }];
  const out: FormioError[] = [];
  for (const fe of error.fieldErrors) {
    const path = aliases[fe.path] ?? fe.path.replace(/^data\./, '');
    const component = form.getComponent(path);
    if (component && component.visible !== false)
      out.push({ message: fe.message, path: component.path, component: component.component, fromServer: true, level: 'error' });
    else out.push({ message: fe.message, fromServer: true, level: 'error' });
  }
  if (!out.length)
    out.push({
      message: [error.problem.title, error.problem.detail].filter(Boolean).join(' — ') || t('error.unexpected'),
      fromServer: true,
      level: 'error',
    });
  return out;
}

export async function renderForm(element: HTMLElement, definition: FormDefinition, options: Options = {}): Promise<MountedForm> {
  const Formio = await loadFormio();
  const schema = prepareSchema(definition.schema, { readOnly: options.readOnly });
  const form = await Formio.createForm(element, schema, {
    language: locale(),
    i18n: formioI18n(definition.i18n?.en),
    readOnly: Boolean(options.readOnly),
    renderMode: options.readOnly ? 'html' : 'form',
    fileService: sonsFileService,
    noAlerts: false,
    hooks: {
      // Runs after Form.io's own validation passed: the server has the last word, its errors land at the fields.
      customValidation: (submission: { data: Record<string, unknown> }, next: (err?: unknown) => void) => {
        if (!options.onSubmit) return next();
        options
          .onSubmit(cleanData(schema, submission.data))
          .then(() => next())
          .catch((error: unknown) => next(toFormioErrors(form, error, options.pathAliases)));
      },
    },
  });
  form.nosubmit = true;
  if (options.data) form.submission = { data: structuredClone(options.data) };
  // A field the server refused is cleared of that error as soon as the person edits it.
  form.on('componentChange', (changed: { instance?: { serverErrors?: unknown[] } }) => {
    if (changed?.instance?.serverErrors?.length) changed.instance.serverErrors = [];
  });
  if (options.onChange)
    form.on('change', (event: { data?: Record<string, unknown> }, flags?: { fromSubmission?: boolean }) => {
      if (event?.data && !flags?.fromSubmission) options.onChange?.(event.data);
    });
  const stop = onLocaleChange((next) => {
    form.language = next;
  });
  return {
    form,
    setData: (data) => {
      form.submission = { data: structuredClone(data) };
    },
    destroy: () => {
      stop();
      form.destroy(true);
    },
  };
}
