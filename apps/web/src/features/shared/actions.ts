import { api, ApiError } from '../../app/api.js';
import { h, icon } from '../../app/dom.js';
import { clearInvalid, errorBox, field, invalid, showFieldErrors, withBusy } from '../../app/ui.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { filePicker, type FilePicker } from './file-picker.js';

// Case actions as small forms (a button, with the fields the action needs), posted with the version the operator
// saw (`expectedVersion`): a concurrent change answers 409 and offers to reload instead of overwriting silently.
export type ActionField = {
  name: string;
  label: MessageKey;
  // file: one PDF uploaded to the attachment store (with `purpose`) before the action is posted; its id is the value.
  type: 'textarea' | 'text' | 'url' | 'password' | 'date' | 'file';
  required: boolean;
  min?: number;
  purpose?: string;
  help?: MessageKey;
};
export type ActionSpec = {
  path: (id: string) => string;
  fields?: ActionField[];
  // The request body from the fields' values (default: the non-empty values as they are).
  body?: (values: Record<string, string>) => Record<string, unknown>;
  tone: 'primary' | 'success' | 'danger' | 'warning' | 'secondary';
  icon: string;
  confirm?: MessageKey;
};

export function actionForms(
  actions: readonly (readonly [string, ActionSpec])[],
  version: number | undefined,
  errors: HTMLElement,
  reload: () => Promise<void>,
  label: (action: string) => string,
  caseId: string,
): HTMLElement[] {
  return actions.map(([action, spec]) => {
    const button = h(
      'button',
      { type: 'submit', class: `btn btn-${spec.tone}`, 'data-action': action },
      icon(spec.icon),
      ' ',
      label(action),
    );
    const controls = (spec.fields ?? [])
      .filter((f) => f.type !== 'file')
      .map((f) => {
        const control =
          f.type === 'textarea'
            ? h('textarea', { class: 'form-control', name: f.name, rows: '3', maxlength: '4000', required: f.required })
            : h('input', {
                class: 'form-control',
                name: f.name,
                type: f.type,
                required: f.required,
                autocomplete: f.type === 'password' ? 'new-password' : 'off',
              });
        return { f, control };
      });
    const pickers: { f: ActionField; picker: FilePicker }[] = (spec.fields ?? [])
      .filter((f) => f.type === 'file')
      .map((f) => ({
        f,
        picker: filePicker({
          label: t(f.label),
          name: f.name,
          purpose: f.purpose ?? 'document',
          multiple: false,
          accept: '.pdf,application/pdf',
          ...(f.help ? { help: t(f.help) } : {}),
        }),
      }));
    const form = h(
      'form',
      { novalidate: true, class: 'action-form', 'data-action-form': action },
      controls.map(({ f, control }) => field(t(f.label), control)),
      pickers.map(({ picker }) => picker.view),
      button,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      errors.replaceChildren();
      clearInvalid(form);
      const values: Record<string, string> = {};
      for (const { f, control } of controls) {
        const value = control.value.trim();
        const min = f.min ?? (f.required ? 1 : 0);
        if ((f.required || value) && value.length < min)
          return invalid(control, f.required && !value ? t('action.input.required') : t('action.input.tooShort', { n: min }));
        if (value) values[f.name] = value;
      }
      for (const { f, picker } of pickers)
        if (f.required && !picker.count()) return invalid(picker.input, t('action.input.fileRequired'));
      if (spec.confirm && !window.confirm(t(spec.confirm))) return;
      void withBusy(button, async () => {
        try {
          for (const { f, picker } of pickers) {
            const [attachmentId] = await picker.uploadAll();
            if (attachmentId) values[f.name] = attachmentId;
          }
          const payload = spec.body ? spec.body(values) : values;
          await api.post(spec.path(caseId), { ...payload, ...(version ? { expectedVersion: version } : {}) });
          await reload();
        } catch (error) {
          if (!showFieldErrors(form, error))
            errors.replaceChildren(
              error instanceof ApiError && error.status === 409 ? errorBox(error, () => void reload()) : errorBox(error),
            );
          else errors.replaceChildren(errorBox(error));
        }
      });
    });
    return form;
  });
}
