import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES, type Locale, type LocalizedText, type SeedTemplate, type TemplateMessages } from './render.types.js';

export const SEED_TEMPLATE_KEYS = [
  'test-success-attestation',
  'label-attestation',
  'invoice',
  'service-agreement',
  'submission-receipt',
] as const;
export type SeedTemplateKey = (typeof SEED_TEMPLATE_KEYS)[number];

const SHARED_DIRECTORY = '_shared';

// Both src/render/*.ts and the compiled dist/render/*.js sit two levels below apps/documents.
export const seedTemplatesDirectory = (): string => fileURLToPath(new URL('../../templates/', import.meta.url));

type SeedMeta = { version: number; title: LocalizedText };

const readText = (path: string): Promise<string> => readFile(path, 'utf8');
const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readText(path)) as T;

// Seed templates as data objects, ready to be stored as version 1 of each template in the database.
export const loadSeedTemplates = async (directory: string = seedTemplatesDirectory()): Promise<SeedTemplate[]> => {
  const shared = join(directory, SHARED_DIRECTORY);
  const partialFiles = (await readdir(join(shared, 'partials'))).filter((file) => file.endsWith('.hbs')).sort();
  const [layout, css, messages, partialSources] = await Promise.all([
    readText(join(shared, 'layout.hbs')),
    readText(join(shared, 'document.css')),
    readJson<TemplateMessages>(join(shared, 'messages.json')),
    Promise.all(partialFiles.map((file) => readText(join(shared, 'partials', file)))),
  ]);
  const partials = Object.fromEntries(partialFiles.map((file, index) => [file.slice(0, -'.hbs'.length), partialSources[index]]));

  return Promise.all(
    SEED_TEMPLATE_KEYS.map(async (key): Promise<SeedTemplate> => {
      const folder = join(directory, key);
      const [meta, schema, sample, ...sources] = await Promise.all([
        readJson<SeedMeta>(join(folder, 'meta.json')),
        readJson<Record<string, unknown>>(join(folder, 'schema.json')),
        readJson<Record<string, unknown>>(join(folder, 'sample.json')),
        ...LOCALES.map((locale) => readText(join(folder, `${locale}.hbs`))),
      ]);
      const locales = Object.fromEntries(LOCALES.map((locale, index) => [locale, sources[index]])) as Record<Locale, string>;
      return { key, version: meta.version, title: meta.title, locales, layout, css, partials, messages, schema, sample };
    }),
  );
};
