import type {
  FormI18n,
  FormioComponent,
  FormioCondition,
  FormioConditional,
  FormioOption,
  FormioValidate,
} from '../form-schema.types.js';
import type { ValidatorName } from '../validators/validator-registry.js';

// Small helpers that write plain Form.io JSON for the seed forms. Labels are given in French
// and English at once; `Translations` collects the English map the renderer needs.

export type Translations = {
  t: (fr: string, en: string) => string;
  i18n: () => FormI18n;
};

export function createTranslations(): Translations {
  const en: Record<string, string> = {};
  return {
    t(fr, enText) {
      const known = en[fr];
      if (known !== undefined && known !== enText) throw new Error(`Two English texts for "${fr}"`);
      en[fr] = enText;
      return fr;
    },
    i18n: () => ({ en: { ...en } }),
  };
}

export type Option = readonly [value: string, label: string];

export type FieldOptions = {
  required?: boolean;
  validator?: ValidatorName;
  validatorParam?: string;
  validatorParamFrom?: string;
  prefill?: `vendor.${string}`;
  readOnly?: boolean;
  conditional?: FormioConditional;
  description?: string;
  validate?: FormioValidate;
};

export const eq = (component: string, value: string | boolean): FormioCondition => ({ component, operator: 'isEqual', value });

export function showWhen(conjunction: 'all' | 'any', ...conditions: FormioCondition[]): FormioConditional {
  return { show: true, conjunction, conditions };
}

function properties(options: FieldOptions): Record<string, string> | undefined {
  const props: Record<string, string> = {};
  if (options.validator !== undefined) props.validator = options.validator;
  if (options.validatorParam !== undefined) props.validatorParam = options.validatorParam;
  if (options.validatorParamFrom !== undefined) props.validatorParamFrom = options.validatorParamFrom;
  if (options.prefill !== undefined) props.prefill = options.prefill;
  if (options.readOnly === true) props.readOnly = 'true';
  return Object.keys(props).length > 0 ? props : undefined;
}

function field(
  type: string,
  key: string,
  label: string,
  options: FieldOptions,
  extra: Partial<FormioComponent> = {},
): FormioComponent {
  const component: FormioComponent = {
    type,
    key,
    label,
    input: true,
    tableView: true,
    ...extra,
    validate: { required: options.required === true, ...options.validate, ...extra.validate },
  };
  const props = properties(options);
  if (props !== undefined) component.properties = props;
  if (options.readOnly === true) component.disabled = true;
  if (options.conditional !== undefined) component.conditional = options.conditional;
  if (options.description !== undefined) component.description = options.description;
  return component;
}

export const textField = (key: string, label: string, options: FieldOptions = {}) =>
  field('textfield', key, label, options, { validate: { maxLength: 200, ...options.validate } });

export const textArea = (key: string, label: string, options: FieldOptions = {}) =>
  field('textarea', key, label, options, { validate: { maxLength: 4000, ...options.validate } });

export const emailField = (key: string, label: string, options: FieldOptions = {}) => field('email', key, label, options);

export const phoneField = (key: string, label: string, options: FieldOptions = {}) =>
  field('phoneNumber', key, label, options, { validate: { maxLength: 30, ...options.validate } });

export const integerField = (key: string, label: string, options: FieldOptions = {}) =>
  field('number', key, label, options, { decimalLimit: 0, requireDecimal: false });

export const checkbox = (key: string, label: string, options: FieldOptions = {}) =>
  field('checkbox', key, label, options, { defaultValue: false });

const toOptions = (options: readonly Option[]): FormioOption[] => options.map(([value, label]) => ({ value, label }));

export const radio = (key: string, label: string, choices: readonly Option[], options: FieldOptions = {}) =>
  field('radio', key, label, options, { values: toOptions(choices), validate: { onlyAvailableItems: true } });

export const select = (key: string, label: string, choices: readonly Option[], options: FieldOptions = {}) =>
  field('select', key, label, options, {
    dataSrc: 'values',
    data: { values: toOptions(choices) },
    widget: 'choicesjs',
    // A required choice cannot be cleared: no « Remove item » button inside the selected option (an interactive
    // control nested in another, which screen readers cannot reach — WCAG 4.1.2).
    ...(options.required === true ? { removeItemButton: false } : {}),
    validate: { onlyAvailableItems: true },
  });

// Uploads go to our attachment store (the gateway owns the route); the stored value is an array
// of FileValueItem ({ name, size, type, storage: 'sons', attachmentId, sha256, url? }).
export const ATTACHMENT_UPLOAD_URL = '/api/attachments';

export type FileOptions = FieldOptions & { multiple?: boolean; filePattern?: string; fileMaxSize?: string };

export const fileField = (key: string, label: string, options: FileOptions = {}) =>
  field('file', key, label, options, {
    storage: 'url',
    url: ATTACHMENT_UPLOAD_URL,
    multiple: options.multiple === true,
    filePattern: options.filePattern ?? '.pdf',
    fileMaxSize: options.fileMaxSize ?? '20MB',
    webcam: false,
  });

export type GridOptions = FieldOptions & { minRows?: number; maxRows?: number; addAnother?: string };

export const dataGrid = (key: string, label: string, components: FormioComponent[], options: GridOptions = {}) =>
  field('datagrid', key, label, options, {
    components,
    ...(options.addAnother !== undefined ? { addAnother: options.addAnother } : {}),
    validate: {
      ...(options.minRows !== undefined ? { minLength: options.minRows } : {}),
      ...(options.maxRows !== undefined ? { maxLength: options.maxRows } : {}),
    },
  });

export const panel = (
  key: string,
  title: string,
  components: FormioComponent[],
  conditional?: FormioConditional,
): FormioComponent => ({
  type: 'panel',
  key,
  title,
  input: false,
  components,
  ...(conditional !== undefined ? { conditional } : {}),
});

export const content = (key: string, html: string): FormioComponent => ({ type: 'content', key, html, input: false });

export const submitButton = (label: string): FormioComponent => ({
  type: 'button',
  key: 'submit',
  label,
  action: 'submit',
  input: true,
  disableOnInvalid: true,
});
