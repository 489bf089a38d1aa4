import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { createPdfRenderer, type PdfRenderer } from './pdf.renderer.js';
import { PDF_PRODUCER } from './pdf.post-processor.js';
import { TemplateDataError } from './render.exception.js';
import { LOCALES, type DocumentTemplate, type Locale, type RenderInput, type SeedTemplate } from './render.types.js';
import { loadSeedTemplates } from './seed-templates.loader.js';
import { buildVerifyUrl } from './verification.qr.js';

const run = promisify(execFile);

let workDirectory: string;
let fileCounter = 0;

const writePdf = async (pdf: Buffer): Promise<string> => {
  fileCounter += 1;
  const file = join(workDirectory, `document-${fileCounter}.pdf`);
  await writeFile(file, pdf);
  return file;
};

// Text of every page, in order (pdftotext separates pages with a form feed).
const pdfPages = async (pdf: Buffer): Promise<string[]> => {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', await writePdf(pdf), '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout
    .replace(/\u00a0/g, ' ')
    .split('\f')
    .slice(0, -1);
};

const pdfText = async (pdf: Buffer): Promise<string> => (await pdfPages(pdf)).join('\n').replace(/\s+/g, ' ');

// Text above the bottom page margin, i.e. without the per-page footer (reference, page number).
const pdfBodyText = async (pdf: Buffer): Promise<string> => {
  const { stdout } = await run(
    'pdftotext',
    ['-enc', 'UTF-8', '-x', '0', '-y', '0', '-W', '596', '-H', '790', await writePdf(pdf), '-'],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return stdout;
};

const pdfInfo = async (pdf: Buffer): Promise<Record<string, string>> => {
  const { stdout, stderr } = await run('pdfinfo', ['-enc', 'UTF-8', await writePdf(pdf)]);
  // poppler reports structural problems (bad xref, trailer) on stderr.
  if (stderr !== '') throw new Error(`pdfinfo: ${stderr}`);
  return Object.fromEntries(
    stdout
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1], match[2]]),
  );
};

type WordBox = { text: string; xMin: number; xMax: number; yMax: number; pageWidth: number; pageHeight: number };

const pdfWordBoxes = async (pdf: Buffer): Promise<WordBox[]> => {
  const { stdout } = await run('pdftotext', ['-bbox', await writePdf(pdf), '-'], { maxBuffer: 64 * 1024 * 1024 });
  const boxes: WordBox[] = [];
  for (const page of stdout.split('<page ').slice(1)) {
    const [, width, height] = /width="([\d.]+)" height="([\d.]+)"/.exec(page) ?? [];
    for (const word of page.matchAll(
      /<word xMin="([\d.-]+)" yMin="[\d.-]+" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g,
    )) {
      boxes.push({
        text: word[4],
        xMin: Number(word[1]),
        xMax: Number(word[2]),
        yMax: Number(word[3]),
        pageWidth: Number(width),
        pageHeight: Number(height),
      });
    }
  }
  return boxes;
};

const LANGUAGE: Record<Locale, string> = { fr: 'fr-LU', en: 'en-GB' };

const inputFor = (
  template: DocumentTemplate & { title?: Record<Locale, string> },
  locale: Locale,
  data: unknown,
  reference: string,
): RenderInput => ({
  template,
  locale,
  data,
  reference,
  verifyUrl: buildVerifyUrl('https://sons.esante.lu', reference),
  metadata: {
    title: template.title?.[locale] ?? template.key,
    author: 'Agence eSanté',
    subject: `SONS Vague 2 — ${template.key}`,
    language: LANGUAGE[locale],
  },
});

const expectedText: Record<string, Record<Locale, string[]>> = {
  'test-success-attestation': {
    fr: ['Attestation de réussite des tests', 'Pour INCERT GIE', 'Pour la Caisse nationale de santé (CNS)', '14 octobre 2025'],
    en: ['Test success attestation', 'For INCERT GIE', 'For the Joint Social Security Centre (CISS)', '14 October 2025'],
  },
  'label-attestation': {
    fr: ['Attestation de labélisation', 'SONS-V2-LBL-0007', 'Pour la Caisse nationale de santé (CNS)'],
    en: ['Labelling attestation', 'SONS-V2-LBL-0007', 'For Agence eSanté (AeS)'],
  },
  invoice: {
    fr: [
      'Facture n° LMM-2025-0117',
      'Agence eSanté',
      '640,00 €',
      '1.920,00 €',
      '278,97 €',
      'LU29174301',
      'LU28 0019 4006 4475 0000',
      'B245817',
    ],
    en: [
      'Invoice no. LMM-2025-0117',
      'Agence eSanté',
      '€640.00',
      '€1,920.00',
      '€278.97',
      'LU29174301',
      'LU28 0019 4006 4475 0000',
      'B245817',
    ],
  },
  'service-agreement': {
    fr: ['Accord de service et usage relatif à la labélisation', 'Claire Weber', 'Pour l’Agence eSanté (AeS)'],
    en: ['Service and use agreement for labelling', 'Claire Weber', 'For Agence eSanté (AeS)'],
  },
  'submission-receipt': {
    fr: [
      'Accusé de réception',
      'Formulaire de démarrage du processus de labélisation',
      'LAB-2025-0042',
      '30 septembre 2025 à 16:27',
    ],
    en: [
      'Submission receipt',
      'Formulaire de démarrage du processus de labélisation',
      'LAB-2025-0042',
      '30 September 2025 at 16:27',
    ],
  },
};

describe('createPdfRenderer with Chromium', () => {
  let renderer: PdfRenderer;
  let templates: SeedTemplate[];
  const seed = (key: string): SeedTemplate => {
    const template = templates.find((candidate) => candidate.key === key);
    if (!template) throw new Error(`no seed template ${key}`);
    return template;
  };

  beforeAll(async () => {
    workDirectory = await mkdtemp(join(tmpdir(), 'sons-pdf-'));
    templates = await loadSeedTemplates();
    renderer = createPdfRenderer({ executablePath: '/usr/bin/chromium', pages: 2, queueLimit: 16, renderTimeoutMs: 30_000 });
    await renderer.warmUp();
  });

  afterAll(async () => {
    await renderer?.close();
    await rm(workDirectory, { recursive: true, force: true });
  });

  it('should render every seed template in French and English when given its sample data', async () => {
    const cases = templates.flatMap((template) => LOCALES.map((locale) => ({ template, locale })));

    const results = await Promise.all(
      cases.map(({ template, locale }) =>
        renderer.render(
          inputFor(template, locale, template.sample, `DOC-2025-${template.key.slice(0, 5).toUpperCase()}-${locale}`),
        ),
      ),
    );

    for (const [index, { template, locale }] of cases.entries()) {
      const result = results[index];
      const reference = `DOC-2025-${template.key.slice(0, 5).toUpperCase()}-${locale}`;
      const text = await pdfText(result.pdf);
      const info = await pdfInfo(result.pdf);

      for (const expected of [
        'Logiciels Médicaux Moselle S.à r.l.',
        'PraxisLux',
        '4.2.0',
        reference,
        `https://sons.esante.lu/verify/${reference}`,
        ...expectedText[template.key][locale],
      ]) {
        expect({ document: `${template.key}/${locale}`, found: text.includes(expected), expected }).toEqual(
          expect.objectContaining({ found: true }),
        );
      }
      expect(info.Title).toBe(template.title[locale]);
      expect(info.Keywords).toBe(reference);
      expect(info.Producer).toBe(PDF_PRODUCER);
      expect(info.Tagged).toBe('yes');
      expect(info['Page size']).toContain('(A4)');
      expect(Number(info.Pages)).toBe(result.pages);
      expect(result).toEqual(
        expect.objectContaining({ templateKey: template.key, templateVersion: 1, locale, size: result.pdf.byteLength }),
      );
      expect(result.sha256).toBe(createHash('sha256').update(result.pdf).digest('hex'));
    }
  });

  it('should write the document language into the PDF catalog when post-processing', async () => {
    const template = seed('label-attestation');

    const result = await renderer.render(inputFor(template, 'fr', template.sample, 'DOC-LANG-1'));

    const document = await PDFDocument.load(result.pdf);
    expect((document.catalog.get(PDFName.of('Lang')) as PDFString).decodeText()).toBe('fr-LU');
    expect(document.getPageCount()).toBe(result.pages);
  });

  it('should reject with the failing data paths and produce no PDF when the data does not fit the schema', async () => {
    const template = seed('test-success-attestation');
    const sample = template.sample as { vendor: Record<string, unknown>; testsPassedOn: string };
    const before = renderer.stats().rendered;

    const failure = renderer
      .render(
        inputFor(
          template,
          'fr',
          { ...sample, vendor: { ...sample.vendor, name: undefined }, testsPassedOn: 'yesterday' },
          'DOC-BAD-1',
        ),
      )
      .catch((error: unknown) => error);

    const error = (await failure) as TemplateDataError;
    expect(error).toBeInstanceOf(TemplateDataError);
    expect(error.retryable).toBe(false);
    expect(error.errors.map((issue) => issue.path).sort()).toEqual(['/testsPassedOn', '/vendor/name']);
    expect(renderer.stats().rendered).toBe(before);
  });

  it('should print injected markup and Handlebars syntax as text and keep the layout when data is hostile', async () => {
    const template = seed('test-success-attestation');
    const sample = template.sample as Record<string, Record<string, unknown>>;
    const longName = 'Industriel'.repeat(1000);
    const data = {
      ...sample,
      vendor: { ...sample.vendor, name: longName },
      software: { name: '<script>alert(1)</script>', version: '{{constructor.constructor "alert(1)"}}' },
      caseReference: '<img src=x onerror=alert(2)>{{{@root}}}',
    };

    const result = await renderer.render(inputFor(template, 'en', data, 'DOC-INJECT-1'));

    const text = await pdfText(result.pdf);
    expect(longName).toHaveLength(10_000);
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('{{constructor.constructor "alert(1)"}}');
    expect(text).toContain('<img src=x onerror=alert(2)>{{{@root}}}');
    // Once in the facts table, once in the statement; wrapped across lines and pages but complete.
    expect((await pdfBodyText(result.pdf)).replace(/\s/g, '').split(longName).length - 1).toBe(2);
    expect(text).toContain('https://sons.esante.lu/verify/DOC-INJECT-1');
    // Wrapped, not overflowing: every word lies inside its page.
    const boxes = await pdfWordBoxes(result.pdf);
    const outside = boxes.filter((box) => box.xMin < 0 || box.xMax > box.pageWidth + 0.5 || box.yMax > box.pageHeight + 0.5);
    expect(boxes.length).toBeGreaterThan(100);
    expect(outside).toEqual([]);
  });

  it('should break a 200-line invoice across pages with the table header repeated on each of them', async () => {
    const template = seed('invoice');
    const lines = Array.from({ length: 200 }, (_, index) => ({
      providerName: `Dr Test Provider ${String(index + 1).padStart(3, '0')}`,
      providerCode: String(90_000_000 + index),
      connectedOn: '2025-11-04',
      amountInclVatCents: 64_000,
    }));
    const inclVat = 200 * 64_000;
    const vat = Math.round((inclVat * 17) / 117);
    const data = { ...template.sample, lines, totals: { exclVatCents: inclVat - vat, vatCents: vat, inclVatCents: inclVat } };

    const result = await renderer.render(inputFor(template, 'fr', data, 'DOC-LONG-1'));

    const pages = await pdfPages(result.pdf);
    const pagesWithLines = pages.map((page) => page.replace(/\s+/g, ' ')).filter((page) => /Dr Test Provider \d{3}/.test(page));
    expect(result.pages).toBe(pages.length);
    expect(pagesWithLines.length).toBeGreaterThanOrEqual(3);
    for (const page of pagesWithLines) {
      expect(page).toContain('Code prestataire');
      expect(page).toContain('Montant TTC');
    }
    const text = pages.join('\n');
    expect(lines.every((line) => text.includes(line.providerName))).toBe(true);
    expect(text).toContain('128.000,00 €');
  });

  it('should let no request leave the page when a template points at the network', async () => {
    let hits = 0;
    const server: Server = createServer((_request, response) => {
      hits += 1;
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const leaky: DocumentTemplate = {
      key: 'leaky',
      version: 1,
      locales: {
        fr: `<p>Texte</p><img src="${origin}/pixel.png"><iframe src="${origin}/frame"></iframe><link rel="stylesheet" href="${origin}/x.css">`,
        en: '<p>Text</p>',
      },
      layout: '{{> content}}<p>{{@reference}}</p>',
      css: `@import url("${origin}/import.css"); body { background: url("${origin}/bg.png"); }`,
      schema: { type: 'object' },
    };

    try {
      const result = await renderer.render(inputFor(leaky, 'fr', {}, 'DOC-NET-1'));

      expect(await pdfText(result.pdf)).toContain('Texte DOC-NET-1');
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });
});
