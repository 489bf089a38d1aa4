import { isDataKind, isPlainObject, optionsOf, walkComponents } from '../component-tree.js';
import type { FormioComponent } from '../form-schema.types.js';

// What a field accepts, reduced to what matters when comparing two versions of a schema.
export type ValidationSignature = {
  required: boolean;
  pattern?: string;
  minLength?: number | string;
  maxLength?: number | string;
  min?: number | string;
  max?: number | string;
  validator?: string;
  validatorParam?: string;
  validatorParamFrom?: string;
  options?: string[];
  multiple?: boolean;
  filePattern?: string;
  fileMaxSize?: string;
  conditional?: string;
};

export type SchemaDiff = {
  // Data keys; a datagrid's columns are `grid.column` (e.g. `providers.providerCode`).
  added: string[];
  removed: string[];
  // Same label and type under the same parent, different key: most likely an operator rename.
  renamed: { from: string; to: string }[];
  changedValidation: { key: string; before: ValidationSignature; after: ValidationSignature }[];
  changedType: { key: string; before: string; after: string }[];
};

type FieldShape = { dataPath: string; parent: string; type: string; label: string; validation: ValidationSignature };

function signature(component: FormioComponent): ValidationSignature {
  const validate = isPlainObject(component.validate) ? component.validate : {};
  const properties = isPlainObject(component.properties) ? component.properties : {};
  const result: ValidationSignature = { required: validate.required === true };
  const copy = <K extends keyof ValidationSignature>(name: K, value: unknown): void => {
    if (value !== undefined && value !== '' && value !== null) result[name] = value as ValidationSignature[K];
  };
  copy('pattern', validate.pattern);
  copy('minLength', validate.minLength);
  copy('maxLength', validate.maxLength);
  copy('min', validate.min);
  copy('max', validate.max);
  copy('validator', properties.validator);
  copy('validatorParam', properties.validatorParam);
  copy('validatorParamFrom', properties.validatorParamFrom);
  if (component.type === 'radio' || component.type === 'select')
    copy(
      'options',
      optionsOf(component).map((option) => option.value),
    );
  if (component.multiple === true) result.multiple = true;
  copy('filePattern', component.filePattern);
  copy('fileMaxSize', component.fileMaxSize);
  if (
    isPlainObject(component.conditional) &&
    (Array.isArray(component.conditional.conditions)
      ? component.conditional.conditions.length > 0
      : Boolean(component.conditional.when))
  ) {
    copy('conditional', JSON.stringify(component.conditional));
  }
  return result;
}

function fieldsOf(schema: unknown): Map<string, FieldShape> {
  const fields = new Map<string, FieldShape>();
  const components = isPlainObject(schema) ? schema.components : undefined;
  walkComponents(components, ({ component, kind, dataPath }) => {
    if (!isDataKind(kind) || dataPath === undefined) return;
    fields.set(dataPath, {
      dataPath,
      parent: dataPath.includes('.') ? dataPath.slice(0, dataPath.lastIndexOf('.')) : '',
      type: component.type,
      label: typeof component.label === 'string' ? component.label : '',
      validation: signature(component),
    });
  });
  return fields;
}

// Key order never matters in a signature; compare on a canonical JSON form.
function canonical(value: ValidationSignature): string {
  return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))));
}

export function diffSchemas(previous: unknown, next: unknown): SchemaDiff {
  const before = fieldsOf(previous);
  const after = fieldsOf(next);
  const added = [...after.keys()].filter((key) => !before.has(key));
  const removed = [...before.keys()].filter((key) => !after.has(key));

  const renamed: SchemaDiff['renamed'] = [];
  const pairedAdded = new Set<string>();
  for (const from of removed) {
    const old = before.get(from);
    if (old === undefined || old.label === '') continue;
    const to = added.find((key) => {
      const candidate = after.get(key);
      return (
        !pairedAdded.has(key) &&
        candidate !== undefined &&
        candidate.label === old.label &&
        candidate.type === old.type &&
        candidate.parent === old.parent
      );
    });
    if (to !== undefined) {
      pairedAdded.add(to);
      renamed.push({ from, to });
    }
  }
  const renamedFrom = new Set(renamed.map((rename) => rename.from));

  const changedValidation: SchemaDiff['changedValidation'] = [];
  const changedType: SchemaDiff['changedType'] = [];
  for (const [key, old] of before) {
    const current = after.get(key);
    if (current === undefined) continue;
    if (current.type !== old.type) changedType.push({ key, before: old.type, after: current.type });
    if (canonical(current.validation) !== canonical(old.validation)) {
      changedValidation.push({ key, before: old.validation, after: current.validation });
    }
  }

  return {
    added: added.filter((key) => !pairedAdded.has(key)),
    removed: removed.filter((key) => !renamedFrom.has(key)),
    renamed,
    changedValidation,
    changedType,
  };
}
