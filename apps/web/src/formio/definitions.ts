import { SEED_FORMS } from '@sons/forms';
import { api, hasRoute } from '../app/api.js';
import type { FormDefinition, FormSchema } from './render.js';

// Where a form's schema comes from: the forms API (published version, editable by operators) when the gateway
// serves it, otherwise the seed schema shipped in @sons/forms (the version the services validate against).
export type FormKey = 'form1' | 'form2' | 'form3' | 'form4';
type Published = {
  key?: string;
  version?: number;
  schema: FormSchema;
  i18n?: { en: Record<string, string> };
  title?: { fr: string; en: string };
};

export function seedDefinition(key: FormKey): FormDefinition {
  const seed = SEED_FORMS[key];
  return { key, schema: seed.schema, i18n: seed.i18n, title: seed.title };
}

export async function formDefinition(key: FormKey): Promise<FormDefinition & { source: 'api' | 'seed' }> {
  if (await hasRoute('GET', '/api/forms/:key')) {
    const published = await api.get<Published>(`/api/forms/${key}`);
    return {
      key,
      schema: published.schema,
      i18n: published.i18n,
      version: published.version,
      title: published.title ?? seedDefinition(key).title,
      source: 'api',
    };
  }
  return { ...seedDefinition(key), source: 'seed' };
}

// One version of a form (a draft or a case pinned to it renders with the form it was begun on).
export async function formDefinitionAt(key: FormKey, version: number): Promise<FormDefinition & { source: 'api' | 'seed' }> {
  const pinned = await api.get<Published>(`/api/forms/${key}/versions/${version}`);
  return {
    key,
    schema: pinned.schema,
    i18n: pinned.i18n,
    version: pinned.version ?? version,
    title: pinned.title ?? seedDefinition(key).title,
    source: 'api',
  };
}

// The form a vendor's draft is filled on: its pinned version when it differs from the published one (still open).
export async function formDefinitionFor(
  key: FormKey,
  pinnedVersion: number | undefined,
): Promise<FormDefinition & { source: 'api' | 'seed' }> {
  const published = await formDefinition(key);
  if (!pinnedVersion || published.source === 'seed' || published.version === pinnedVersion) return published;
  return formDefinitionAt(key, pinnedVersion).catch(() => published);
}
