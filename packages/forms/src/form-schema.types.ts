// The subset of the Form.io JSON schema this package understands, plus our conventions
// (`properties.validator`, `properties.prefill`, `properties.readOnly`). Anything else an
// operator puts on a component is kept (index signature) but never evaluated.

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type LocalizedText = Readonly<Record<Locale, string>>;

export type FormioOption = { label: string; value: string };

// Form.io "simple conditional" (JSON, no JavaScript): show/hide when all/any conditions hold.
export type FormioCondition = { component: string; operator: string; value?: string | number | boolean };
export type FormioConditional = {
  show?: boolean | string | null;
  conjunction?: 'all' | 'any';
  conditions?: FormioCondition[];
  when?: string | null;
  eq?: string | number | boolean;
  json?: unknown;
};

export type FormioValidate = {
  required?: boolean;
  pattern?: string;
  minLength?: number | string;
  maxLength?: number | string;
  min?: number | string;
  max?: number | string;
  onlyAvailableItems?: boolean;
  custom?: unknown;
  customMessage?: unknown;
  json?: unknown;
  [property: string]: unknown;
};

// Form.io stores `properties` as string → string (the builder's key/value editor).
export type FormioProperties = Readonly<Record<string, string>>;

export type FormioColumn = { components: FormioComponent[]; width?: number; size?: string; [property: string]: unknown };

export type FormioComponent = {
  type: string;
  key?: string;
  label?: string;
  title?: string;
  input?: boolean;
  tableView?: boolean;
  multiple?: boolean;
  disabled?: boolean;
  description?: string;
  placeholder?: string;
  tooltip?: string;
  validate?: FormioValidate;
  conditional?: FormioConditional;
  properties?: FormioProperties;
  components?: FormioComponent[];
  columns?: FormioColumn[];
  values?: FormioOption[];
  dataSrc?: string;
  data?: { values?: FormioOption[]; [property: string]: unknown };
  storage?: string;
  url?: string;
  fileMaxSize?: string;
  filePattern?: string;
  [property: string]: unknown;
};

export type FormSchema = {
  display: 'form';
  title?: string;
  name?: string;
  components: FormioComponent[];
  [property: string]: unknown;
};

// English labels keyed by the French label: the schema itself is written in French.
export type FormI18n = { en: Readonly<Record<string, string>> };

export type FormDefinition = { schema: FormSchema; i18n?: FormI18n };

// Value of one uploaded file in a `file` component (storage 'url', served by our attachment store).
export type FileValueItem = {
  name: string;
  size: number;
  type: string;
  storage: 'sons';
  url?: string;
  attachmentId: string;
  sha256: string;
  originalName?: string;
};

export type SubmissionData = Record<string, unknown>;

// Enrolled vendor data that later forms repeat (`properties.prefill: 'vendor.<field>'`).
export type VendorData = Readonly<Record<string, unknown>>;
