import { isPlainObject, optionsOf, walkComponents, type DataKind } from '../component-tree.js';
import type { FormioComponent, FormSchema } from '../form-schema.types.js';
import { lintSchema, type LintIssue } from '../lint/lint-schema.js';
import type { NamedValidator } from '../validators/named-validator.types.js';
import { validatorByName } from '../validators/validator-registry.js';
import { parseFilePattern, parseFileSize } from './file-value.js';

// Everything validateSubmission needs about a schema, computed once per schema object (cache by
// identity: published schema versions are immutable, drafts are new objects after each edit).
export type CompiledField = {
  key: string;
  dataPath: string;
  component: FormioComponent;
  kind: DataKind;
  label: string;
  order: number;
  multiple: boolean;
  integer: boolean;
  choices: ReadonlySet<string> | undefined;
  validator: NamedValidator | undefined;
  validatorParam: string | undefined;
  validatorParamFrom: string | undefined;
  prefill: string | undefined;
  readOnly: boolean;
  minRows: number | undefined;
  maxRows: number | undefined;
  maxFileBytes: number | undefined;
  maxFileSizeText: string | undefined;
  filePatterns: readonly string[] | undefined;
  filePatternText: string | undefined;
  children: CompiledField[];
};

export type CompiledForm = {
  schema: FormSchema;
  fields: readonly CompiledField[];
  byKey: ReadonlyMap<string, CompiledField>;
  // A private deep copy handed to @formio/core, which writes per-run state onto components.
  formioSchema: FormSchema;
};

export class SchemaLintError extends Error {
  constructor(readonly issues: readonly LintIssue[]) {
    super(`Form schema refused: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'SchemaLintError';
  }
}

const cache = new WeakMap<object, CompiledForm>();

function toCount(value: unknown): number | undefined {
  const count = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : undefined;
}

// The prefill convention: `properties.prefill: 'vendor.<field>'`.
export function prefillFieldOf(component: FormioComponent): string | undefined {
  const prefill = component.properties?.prefill;
  return typeof prefill === 'string' && prefill.startsWith('vendor.') ? prefill.slice('vendor.'.length) : undefined;
}

function compileField(component: FormioComponent, kind: DataKind, key: string, dataPath: string, order: number): CompiledField {
  const properties = isPlainObject(component.properties) ? component.properties : {};
  const validate = isPlainObject(component.validate) ? component.validate : {};
  const options = kind === 'choice' ? optionsOf(component) : [];
  return {
    key,
    dataPath,
    component,
    kind,
    label: typeof component.label === 'string' && component.label !== '' ? component.label : key,
    order,
    multiple: component.multiple === true,
    integer: kind === 'number' && component.decimalLimit === 0,
    choices: kind === 'choice' ? new Set(options.map((option) => String(option.value))) : undefined,
    validator: typeof properties.validator === 'string' ? validatorByName(properties.validator) : undefined,
    validatorParam: typeof properties.validatorParam === 'string' ? properties.validatorParam : undefined,
    validatorParamFrom: typeof properties.validatorParamFrom === 'string' ? properties.validatorParamFrom : undefined,
    prefill: prefillFieldOf(component),
    readOnly: properties.readOnly === 'true',
    minRows: kind === 'grid' ? toCount(validate.minLength) : undefined,
    maxRows: kind === 'grid' ? toCount(validate.maxLength) : undefined,
    maxFileBytes: kind === 'file' ? parseFileSize(component.fileMaxSize) : undefined,
    maxFileSizeText: kind === 'file' ? component.fileMaxSize : undefined,
    filePatterns: kind === 'file' ? parseFilePattern(component.filePattern) : undefined,
    filePatternText: kind === 'file' ? component.filePattern : undefined,
    children: [],
  };
}

export function compileForm(schema: FormSchema): CompiledForm {
  const cached = cache.get(schema);
  if (cached !== undefined) return cached;

  // Never run a schema that would not pass the draft-save check (it may carry JavaScript).
  const issues = lintSchema(schema);
  if (issues.length > 0) throw new SchemaLintError(issues);

  const fields: CompiledField[] = [];
  const byKey = new Map<string, CompiledField>();
  const byComponent = new Map<FormioComponent, CompiledField>();
  walkComponents(schema.components, ({ component, kind, dataPath, grid, order }) => {
    if (dataPath === undefined || kind === undefined || kind === 'layout' || kind === 'static' || component.key === undefined)
      return;
    const field = compileField(component, kind, component.key, dataPath, order);
    byComponent.set(component, field);
    byKey.set(field.key, field);
    const parent = grid === undefined ? undefined : byComponent.get(grid);
    (parent === undefined ? fields : parent.children).push(field);
  });

  const compiled: CompiledForm = { schema, fields, byKey, formioSchema: structuredClone(schema) };
  cache.set(schema, compiled);
  return compiled;
}
