import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TemplateDataError } from './render.exception.js';
import { LOCALES, type SeedTemplate } from './render.types.js';
import { loadSeedTemplates, SEED_TEMPLATE_KEYS, seedTemplatesDirectory } from './seed-templates.loader.js';
import { createTemplateEngine } from './template.engine.js';
import { buildVerifyUrl } from './verification.qr.js';

// `{{{x}}}`, `{{~{x}}}`, `{{& x}}`, `{{~& x}}` all print unescaped HTML.
const UNESCAPED_OUTPUT = /\{\{~?\s*[{&]/;

const listTemplateFiles = async (directory: string): Promise<string[]> => {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))
    .map((entry) => join(entry.parentPath, entry.name));
};

describe('loadSeedTemplates', () => {
  let templates: SeedTemplate[];
  const engine = createTemplateEngine();

  beforeAll(async () => {
    templates = await loadSeedTemplates();
  });

  it('should load the five seed templates with French and English sources when reading the templates folder', () => {
    expect(templates.map((template) => template.key)).toEqual([...SEED_TEMPLATE_KEYS]);
    for (const template of templates) {
      expect(template.version).toBe(1);
      for (const locale of LOCALES) {
        expect(template.title[locale].length).toBeGreaterThan(5);
        expect(template.locales[locale]).toContain('<h1 class="doc-title">');
        expect(Object.keys(template.messages[locale] ?? {})).toContain('verification.title');
      }
      expect(template.locales.fr).not.toEqual(template.locales.en);
      expect(Object.keys(template.partials).sort()).toEqual(['address', 'signature-block', 'verification']);
      expect(template.layout).toContain('{{> content}}');
      expect(template.css).toContain('thead { display: table-header-group; }');
      expect(template.schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    }
  });

  it('should resolve the templates folder of apps/documents when running from the sources', () => {
    expect(seedTemplatesDirectory()).toMatch(/apps\/documents\/templates\/$/);
  });

  it('should find no unescaped output in any template source when linting the files', async () => {
    const files = await listTemplateFiles(seedTemplatesDirectory());
    // The lint itself must catch every spelling, or this test could never fail.
    for (const bad of ['{{{name}}}', '{{~{name}~}}}', '{{&name}}', '{{ & name}}', '{{~& name}}']) {
      expect(UNESCAPED_OUTPUT.test(bad)).toBe(true);
    }

    const offenders: string[] = [];
    for (const file of files) {
      if (UNESCAPED_OUTPUT.test(await readFile(file, 'utf8'))) offenders.push(file);
    }

    expect(files.length).toBe(SEED_TEMPLATE_KEYS.length * 2 + 4);
    expect(offenders).toEqual([]);
  });

  it('should accept each sample against its own schema and compile with the whitelisted helpers only', () => {
    for (const template of templates) {
      expect(() => engine.check(template)).not.toThrow();
      expect(() => engine.validate(template, template.sample)).not.toThrow();
    }
  });

  it('should refuse each sample with the field path when a required field is removed', () => {
    for (const template of templates) {
      const [firstRequired] = template.schema.required as string[];
      const incomplete = Object.fromEntries(Object.entries(template.sample).filter(([key]) => key !== firstRequired));

      let caught: unknown;
      try {
        engine.validate(template, incomplete);
      } catch (error) {
        caught = error;
      }

      expect(caught).toBeInstanceOf(TemplateDataError);
      expect((caught as TemplateDataError).errors).toContainEqual({
        path: `/${firstRequired}`,
        rule: 'required',
        message: 'is required',
      });
    }
  });

  it('should show the reference, the verification URL and its QR code when rendering each sample to HTML', () => {
    for (const template of templates) {
      for (const locale of LOCALES) {
        const reference = `DOC-2025-${template.key.length}`;
        const verifyUrl = buildVerifyUrl('https://sons.esante.lu', reference);

        const { html } = engine.renderHtml({
          template,
          locale,
          data: template.sample,
          reference,
          verifyUrl,
          metadata: { title: template.title[locale], author: 'Agence eSanté', subject: template.key, language: locale },
        });

        expect(html.split(reference).length - 1).toBeGreaterThanOrEqual(3);
        expect(html).toContain(verifyUrl);
        expect(html).toContain('src="data:image/svg+xml;base64,');
        expect(html).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  it('should keep the invoice sample consistent when its 640 € amounts include VAT', () => {
    const invoice = templates.find((template) => template.key === 'invoice');
    const sample = invoice?.sample as {
      lines: { amountInclVatCents: number }[];
      vat: { ratePercent: number };
      totals: { exclVatCents: number; vatCents: number; inclVatCents: number };
    };

    const inclVat = sample.lines.reduce((sum, line) => sum + line.amountInclVatCents, 0);

    expect(sample.lines.every((line) => line.amountInclVatCents === 64000)).toBe(true);
    expect(sample.totals.inclVatCents).toBe(inclVat);
    expect(sample.totals.vatCents).toBe(Math.round((inclVat * sample.vat.ratePercent) / (100 + sample.vat.ratePercent)));
    expect(sample.totals.exclVatCents + sample.totals.vatCents).toBe(inclVat);
  });
});
