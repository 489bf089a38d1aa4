// @sons/forms — Forms 1–4 as Form.io schemas, their validation, draft-save checks and schema
// diffs. No Nest, NATS or database here: services wire these functions in.
export { SEED_FORMS } from './seeds/seed-forms.js';
export { FORM_KEYS, type FormKey, type SeedForm } from './seeds/seed-form.types.js';
export { SEED_SAMPLES, SAMPLE_VENDOR, sampleFile } from './seeds/seed-samples.js';
export { COUNTRIES, EU_EEA_COUNTRY_CODES, type CountryEntry } from './seeds/countries.data.js';
export { ATTACHMENT_UPLOAD_URL } from './seeds/schema-builders.js';

export {
  validateSubmission,
  type ValidateOptions,
  type ValidationError,
  type ValidationResult,
} from './validation/validate-submission.js';
export { SchemaLintError } from './validation/compile-form.js';
export { lintSchema, type LintIssue, type LintOptions, type LintRule } from './lint/lint-schema.js';
export { diffSchemas, type SchemaDiff, type ValidationSignature } from './diff/diff-schemas.js';
export { breakingChanges, type BreakingChange } from './diff/breaking-changes.js';
export { SERVICE_FIELD_READERS, type FieldReader, type ServiceFieldReaders } from './diff/service-field-readers.js';
export { prefill, type PrefillResult } from './prefill/prefill.js';

export { validators, type ValidatorName } from './validators/validator-registry.js';
export type { NamedValidator, ValidatorVerdict } from './validators/named-validator.types.js';
export { PROVIDER_CODE_PATTERN } from './validators/provider-code.validator.js';
export { RCS_SECTIONS } from './validators/rcs.validator.js';

export { SUPPORTED_COMPONENT_TYPES, type SupportedComponentType } from './component-tree.js';
export { LOCALES } from './form-schema.types.js';
export type {
  FileValueItem,
  FormDefinition,
  FormI18n,
  FormioComponent,
  FormioConditional,
  FormioOption,
  FormioValidate,
  FormSchema,
  Locale,
  LocalizedText,
  SubmissionData,
  VendorData,
} from './form-schema.types.js';
export { validatePinnedForm, validatePinnedFormVersion, type PinnedFormReader } from './pinned/validate-pinned-form.js';
