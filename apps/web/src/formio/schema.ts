import { cleanFileValue, purposeOf } from './file-service.js';

// Pure helpers on Form.io schemas and submission data (no browser globals: unit-tested in Node).
export type FormComponentJson = Record<string, unknown> & {
  type: string;
  key?: string;
  components?: FormComponentJson[];
  columns?: { components: FormComponentJson[] }[];
};
export type FormSchema = { display?: string; title?: string; components: FormComponentJson[]; [k: string]: unknown };
export type FormDefinition = {
  key: string;
  schema: FormSchema;
  i18n?: { en: Record<string, string> };
  version?: number;
  title?: { fr: string; en: string };
};

export function eachComponent(components: FormComponentJson[] | undefined, fn: (c: FormComponentJson) => void): void {
  for (const c of components ?? []) {
    fn(c);
    eachComponent(c.components, fn);
    for (const col of c.columns ?? []) eachComponent(col.components, fn);
  }
}

// A copy of the schema prepared for the browser: each file field uploads with its purpose (Form.io passes `dir`).
export function prepareSchema(schema: FormSchema, options: { readOnly?: boolean } = {}): FormSchema {
  const copy = structuredClone(schema);
  eachComponent(copy.components, (c) => {
    if (c.type === 'file') {
      c.dir = purposeOf(c);
    }
    // A read-only render has nothing to submit.
    if (options.readOnly && c.type === 'button') c.hidden = true;
  });
  return copy;
}

// The data as the API expects it: file values reduced to their allowed properties, empty optional strings dropped,
// Form.io's own "submit" button value removed.
export function cleanData(schema: FormSchema, data: Record<string, unknown>): Record<string, unknown> {
  const fileKeys = new Set<string>();
  const buttonKeys = new Set<string>();
  eachComponent(schema.components, (c) => {
    if (c.type === 'file' && c.key) fileKeys.add(c.key);
    if (c.type === 'button' && c.key) buttonKeys.add(c.key);
  });
  const clean = (obj: Record<string, unknown>, top: boolean): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(obj)) {
      if (top && buttonKeys.has(key)) continue;
      if (value === '' || value === null || value === undefined) continue;
      if (fileKeys.has(key)) out[key] = cleanFileValue(value);
      // Grid rows (data grids) are cleaned the same way.
      else if (Array.isArray(value) && value.every((row) => row && typeof row === 'object' && !Array.isArray(row)))
        out[key] = value.map((row) => clean(row as Record<string, unknown>, false));
      else out[key] = value;
    }
    return out;
  };
  return clean(data, true);
}
