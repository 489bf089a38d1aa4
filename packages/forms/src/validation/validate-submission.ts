import { processSync, Processors, type Component } from '@formio/core';
import { isPlainObject } from '../component-tree.js';
import type { FormDefinition, FormI18n, FormSchema, Locale, SubmissionData, VendorData } from '../form-schema.types.js';
import { compileForm, type CompiledField, type CompiledForm } from './compile-form.js';
import { fileItemProblem, matchesFilePattern } from './file-value.js';
import { coreMessage, fileDetail, fillTemplate, hasCoreMessage, quoteField, type MessageVars } from './validation-messages.js';

export type ValidateOptions = {
  locale?: Locale;
  // When given, fields marked `properties.readOnly: 'true'` must still hold the enrolled value.
  vendor?: VendorData;
};

export type ValidationError = { path: string; key: string; label: string; rule: string; message: string };

export type ValidationResult = { ok: true; data: SubmissionData } | { ok: false; errors: ValidationError[] };

type Issue = {
  path: string;
  field: CompiledField | undefined;
  rule: string;
  messageKey: string;
  vars: Omit<MessageVars, 'field'>;
  validatorReason?: string;
};

// `typeFailed` is raised by the last field checked when its value had the wrong type.
type WalkContext = { issues: Issue[]; root: Record<string, unknown>; vendor: VendorData | undefined; typeFailed: boolean };

// The parts of @formio/core's process scope we read.
type FormioFieldError = {
  ruleName: string;
  level?: string;
  context: { path?: string; setting?: unknown; component?: { key?: string } };
};
type FormioScope = {
  errors?: FormioFieldError[];
  conditionals?: { path: string; conditionallyHidden?: boolean }[];
  clearHidden?: Record<string, boolean>;
};

function assertUnreachable(value: never): never {
  throw new Error(`Unexpected field kind ${String(value)}`);
}

function typeIssue(ctx: WalkContext, field: CompiledField, path: string, expected: string): void {
  ctx.typeFailed = true;
  ctx.issues.push({ path, field, rule: 'type', messageKey: `type.${expected}`, vars: {} });
}

function runValidator(ctx: WalkContext, field: CompiledField, value: string, path: string, row: Record<string, unknown>): void {
  const validator = field.validator;
  if (validator === undefined || value === '') return;
  let param = field.validatorParam;
  if (field.validatorParamFrom !== undefined) {
    const source = row[field.validatorParamFrom] ?? ctx.root[field.validatorParamFrom];
    param = typeof source === 'string' ? source : undefined;
  }
  const verdict = validator.check(value, param);
  if (!verdict.ok)
    ctx.issues.push({ path, field, rule: validator.name, messageKey: validator.name, vars: {}, validatorReason: verdict.reason });
}

function checkOne(ctx: WalkContext, field: CompiledField, item: unknown, path: string, row: Record<string, unknown>): void {
  if (item === null) return;
  switch (field.kind) {
    case 'text':
      if (typeof item !== 'string') return typeIssue(ctx, field, path, 'text');
      return runValidator(ctx, field, item, path, row);
    case 'number':
      if (typeof item !== 'number' || !Number.isFinite(item)) return typeIssue(ctx, field, path, 'number');
      if (field.integer && !Number.isInteger(item)) typeIssue(ctx, field, path, 'integer');
      return;
    case 'boolean':
      if (typeof item !== 'boolean') typeIssue(ctx, field, path, 'boolean');
      return;
    case 'choice':
      if (typeof item !== 'string') return typeIssue(ctx, field, path, 'choice');
      if (item !== '' && field.choices?.has(item) !== true)
        ctx.issues.push({ path, field, rule: 'choice', messageKey: 'choice', vars: {} });
      return;
    case 'file':
    case 'grid':
      return;
    default:
      return assertUnreachable(field.kind);
  }
}

// `multiple` fields hold an array of values, each checked like a single value.
function checkScalar(ctx: WalkContext, field: CompiledField, value: unknown, path: string, row: Record<string, unknown>): void {
  if (!field.multiple) return checkOne(ctx, field, value, path, row);
  if (!Array.isArray(value)) return typeIssue(ctx, field, path, 'list');
  for (const item of value) checkOne(ctx, field, item, path, row);
}

function checkFiles(ctx: WalkContext, field: CompiledField, value: unknown, path: string): unknown {
  if (value === null) return value;
  if (!Array.isArray(value)) {
    typeIssue(ctx, field, path, 'file');
    return value;
  }
  if (!field.multiple && value.length > 1) ctx.issues.push({ path, field, rule: 'file', messageKey: 'file.count', vars: {} });
  const copy: unknown[] = [];
  value.forEach((item: unknown, index) => {
    const problem = fileItemProblem(item);
    if (problem !== undefined || !isPlainObject(item)) {
      ctx.issues.push({
        path,
        field,
        rule: 'file',
        messageKey: 'file.shape',
        vars: { index: String(index + 1), detail: problem },
      });
      copy.push(item);
      return;
    }
    const name = String(item.name);
    if (field.maxFileBytes !== undefined && Number(item.size) > field.maxFileBytes) {
      ctx.issues.push({ path, field, rule: 'file', messageKey: 'file.tooLarge', vars: { name, setting: field.maxFileSizeText } });
    } else if (field.filePatterns !== undefined && !matchesFilePattern(name, String(item.type), field.filePatterns)) {
      ctx.issues.push({ path, field, rule: 'file', messageKey: 'file.fileType', vars: { name, setting: field.filePatternText } });
    }
    copy.push({ ...item });
  });
  return copy;
}

function checkGrid(ctx: WalkContext, field: CompiledField, value: unknown, path: string): unknown {
  if (value === null) return value;
  if (!Array.isArray(value)) {
    typeIssue(ctx, field, path, 'grid');
    return value;
  }
  if (value.length > 0 && field.minRows !== undefined && value.length < field.minRows) {
    ctx.issues.push({ path, field, rule: 'minRows', messageKey: 'minRows', vars: { setting: String(field.minRows) } });
  }
  if (field.maxRows !== undefined && value.length > field.maxRows) {
    ctx.issues.push({ path, field, rule: 'maxRows', messageKey: 'maxRows', vars: { setting: String(field.maxRows) } });
  }
  const copy = value.map((row: unknown, index) => {
    const rowPath = `${path}[${index}]`;
    if (!isPlainObject(row)) {
      // The row is reported and sent as empty; the grid itself keeps its other rows.
      ctx.issues.push({ path: rowPath, field, rule: 'type', messageKey: 'type.row', vars: {} });
      return {};
    }
    return copyAndCheck(ctx, field.children, row, `${rowPath}.`);
  });
  ctx.typeFailed = false;
  return copy;
}

// One pass over the submitted data: strict type checks + named validators, and a copy of the
// known keys for @formio/core (which mutates what it is given and drops unknown keys anyway).
function copyAndCheck(
  ctx: WalkContext,
  fields: readonly CompiledField[],
  input: Record<string, unknown>,
  prefix: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = input[field.key];
    if (value === undefined) continue;
    const path = prefix + field.key;
    ctx.typeFailed = false;
    let copied: unknown = value;
    if (field.kind === 'grid') copied = checkGrid(ctx, field, value, path);
    else if (field.kind === 'file') copied = checkFiles(ctx, field, value, path);
    else checkScalar(ctx, field, value, path, input);
    // A value of the wrong type is reported once, then treated as absent: Form.io would
    // otherwise coerce it or evaluate conditionals on it (an array "equals" each of its items).
    if (!ctx.typeFailed) out[field.key] = copied;
    if (field.readOnly && field.prefill !== undefined && ctx.vendor !== undefined) {
      const expected = ctx.vendor[field.prefill];
      if (expected !== undefined && value !== expected)
        ctx.issues.push({ path, field, rule: 'readOnly', messageKey: 'readOnly', vars: {} });
    }
  }
  return out;
}

const FORMIO_RULES: Readonly<Record<string, { rule: string; messageKey?: string }>> = {
  required: { rule: 'required' },
  array_nonempty: { rule: 'required' },
  onlyAvailableItems: { rule: 'choice' },
  array: { rule: 'type', messageKey: 'type.list' },
  nonarray: { rule: 'type', messageKey: 'type.text' },
  number: { rule: 'type', messageKey: 'type.number' },
  email: { rule: 'email' },
  pattern: { rule: 'pattern' },
  minLength: { rule: 'minLength' },
  maxLength: { rule: 'maxLength' },
  min: { rule: 'min' },
  max: { rule: 'max' },
};

const REQUIRED_MESSAGE: Readonly<Partial<Record<CompiledField['kind'], string>>> = {
  boolean: 'required.checkbox',
  file: 'required.file',
  grid: 'required.grid',
};

function fromFormio(compiled: CompiledForm, error: FormioFieldError): Issue {
  const field = error.context.component?.key === undefined ? undefined : compiled.byKey.get(error.context.component.key);
  const mapped = FORMIO_RULES[error.ruleName];
  const rule = mapped?.rule ?? error.ruleName;
  let messageKey = mapped?.messageKey ?? (hasCoreMessage(rule) ? rule : 'generic');
  if (rule === 'required' && field !== undefined) messageKey = REQUIRED_MESSAGE[field.kind] ?? 'required';
  const setting = error.context.setting;
  return {
    path: error.context.path ?? field?.dataPath ?? '',
    field,
    rule,
    messageKey,
    vars: { setting: typeof setting === 'string' || typeof setting === 'number' ? String(setting) : undefined },
  };
}

const isUnder = (path: string, ancestor: string): boolean =>
  path === ancestor || path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[`);

function hiddenPaths(scope: FormioScope): string[] {
  const hidden = (scope.conditionals ?? []).filter((entry) => entry.conditionallyHidden === true).map((entry) => entry.path);
  return [...hidden, ...Object.keys(scope.clearHidden ?? {})];
}

function localizedLabel(field: CompiledField | undefined, fallback: string, locale: Locale, i18n: FormI18n | undefined): string {
  const label = field?.label ?? fallback;
  return locale === 'en' ? (i18n?.en[label] ?? label) : label;
}

function render(compiled: CompiledForm, issue: Issue, locale: Locale, i18n: FormI18n | undefined): ValidationError {
  const key =
    issue.field?.key ??
    issue.path
      .split(/[.[\]]/)
      .filter(Boolean)
      .pop() ??
    '';
  const label = localizedLabel(issue.field, key, locale, i18n);
  const rows = [...issue.path.matchAll(/([A-Za-z0-9_-]+)\[(\d+)\]/g)].map((match) => {
    const gridKey = match[1] ?? '';
    return { label: localizedLabel(compiled.byKey.get(gridKey), gridKey, locale, i18n), row: Number(match[2]) + 1 };
  });
  // A whole-row error is about the grid's row itself: "« Sites », ligne 2", not the grid twice.
  const lastRow = rows.at(-1);
  const field =
    issue.messageKey === 'type.row' && lastRow !== undefined
      ? `${quoteField(locale, label, rows.slice(0, -1))}, ${locale === 'fr' ? 'ligne' : 'row'} ${lastRow.row}`
      : quoteField(locale, label, rows);
  const vars: MessageVars = {
    ...issue.vars,
    field,
    rule: issue.rule,
    detail: issue.vars.detail === undefined ? undefined : fileDetail(locale, issue.vars.detail),
  };
  const validatorMessage =
    issue.field?.validator !== undefined && issue.validatorReason !== undefined
      ? issue.field.validator.messages[locale][issue.validatorReason]
      : undefined;
  const message =
    validatorMessage !== undefined ? fillTemplate(validatorMessage, vars) : coreMessage(locale, issue.messageKey, vars);
  return { path: issue.path, key, label, rule: issue.rule, message };
}

// Schema order, rows in order within a grid: [order, row, order, row, ...] compared in turn.
function sortKey(compiled: CompiledForm, path: string): number[] {
  const key: number[] = [];
  for (const match of path.matchAll(/([A-Za-z0-9_-]+)(?:\[(\d+)\])?/g)) {
    key.push(
      compiled.byKey.get(match[1] ?? '')?.order ?? Number.MAX_SAFE_INTEGER,
      match[2] === undefined ? -1 : Number(match[2]),
    );
  }
  return key;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? -2) - (b[i] ?? -2);
    if (difference !== 0) return difference;
  }
  return 0;
}

function resolveDefinition(definition: FormDefinition | FormSchema): FormDefinition {
  return 'schema' in definition && isPlainObject(definition.schema)
    ? (definition as FormDefinition)
    : { schema: definition as FormSchema };
}

export function validateSubmission(
  definition: FormDefinition | FormSchema,
  data: unknown,
  options: ValidateOptions = {},
): ValidationResult {
  const { schema, i18n } = resolveDefinition(definition);
  const locale = options.locale ?? 'fr';
  const compiled = compileForm(schema);

  if (!isPlainObject(data)) {
    return {
      ok: false,
      errors: [{ path: '', key: '', label: '', rule: 'type', message: coreMessage(locale, 'type.form', { field: '' }) }],
    };
  }

  const ctx: WalkContext = { issues: [], root: data, vendor: options.vendor, typeFailed: false };
  const copy = copyAndCheck(ctx, compiled.fields, data, '');

  const scope: FormioScope = {};
  const context = {
    form: compiled.formioSchema,
    submission: { data: copy },
    data: copy,
    components: compiled.formioSchema.components as unknown as Component[],
    processors: Processors,
    scope,
    config: { server: true },
  };
  processSync<FormioScope>(context);
  const formioErrors = (scope.errors ?? []).filter((error) => error.level === undefined || error.level === 'error');

  if (ctx.issues.length === 0 && formioErrors.length === 0) return { ok: true, data: context.data };

  // Our checks ran on the raw input: drop those about fields the conditionals hid (their value
  // is cleared, not judged). Ours win over Form.io's on the same path or below it (a grid sent
  // as a string is a type error, not "row 1 required"); then one error per path.
  const hidden = hiddenPaths(scope);
  const ours = ctx.issues.filter((issue) => !hidden.some((path) => isUnder(issue.path, path)));
  const theirs = formioErrors
    .map((error) => fromFormio(compiled, error))
    .filter((issue) => !ours.some((own) => isUnder(issue.path, own.path)))
    .sort((a, b) => Number(b.rule === 'required') - Number(a.rule === 'required'));
  const seen = new Set<string>();
  const issues = [...ours, ...theirs].filter((issue) => {
    if (seen.has(issue.path)) return false;
    seen.add(issue.path);
    return true;
  });
  if (issues.length === 0) return { ok: true, data: context.data };

  const keyed = issues.map((issue) => ({ issue, key: sortKey(compiled, issue.path) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  return { ok: false, errors: keyed.map(({ issue }) => render(compiled, issue, locale, i18n)) };
}
