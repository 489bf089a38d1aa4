import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { finishPdf, PDF_PRODUCER } from './pdf.post-processor.js';

const run = promisify(execFile);

const threePagePdf = async (useObjectStreams: boolean): Promise<Uint8Array> => {
  const document = await PDFDocument.create();
  document.setTitle('Chromium title');
  for (let page = 0; page < 3; page += 1) document.addPage([595.28, 841.89]);
  return document.save({ useObjectStreams });
};

const metadata = {
  title: 'Attestation de réussite des tests — « PraxisLux »',
  author: 'Agence eSanté',
  subject: 'SONS Vague 2',
  language: 'fr-LU',
  keywords: ['labélisation'],
};
const created = new Date('2025-10-20T09:30:00Z');

describe('finishPdf', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'sons-post-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it.each([
    ['a classic cross-reference table (as Chromium writes)', false],
    ['a cross-reference stream', true],
  ])('should set the document metadata and language when the PDF has %s', async (_case, useObjectStreams) => {
    const original = await threePagePdf(useObjectStreams);

    const finished = await finishPdf(original, metadata, 'DOC-2025-0042', created);

    const reloaded = await PDFDocument.load(finished.pdf, { updateMetadata: false });
    expect(reloaded.getTitle()).toBe(metadata.title);
    expect(reloaded.getAuthor()).toBe('Agence eSanté');
    expect(reloaded.getSubject()).toBe('SONS Vague 2');
    expect(reloaded.getKeywords()).toBe('DOC-2025-0042 labélisation');
    expect(reloaded.getProducer()).toBe(PDF_PRODUCER);
    expect(reloaded.getCreationDate()?.toISOString()).toBe(created.toISOString());
    expect((reloaded.catalog.get(PDFName.of('Lang')) as PDFString).decodeText()).toBe('fr-LU');
    expect(finished.pages).toBe(3);
    expect(finished.size).toBe(finished.pdf.byteLength);
    expect(finished.sha256).toBe(createHash('sha256').update(finished.pdf).digest('hex'));
    // A second, independent reader agrees.
    const file = join(directory, `finished-${String(useObjectStreams)}.pdf`);
    await writeFile(file, finished.pdf);
    const { stdout, stderr } = await run('pdfinfo', ['-enc', 'UTF-8', file]);
    expect(stdout).toContain(`Title:           ${metadata.title}`);
    expect(stdout).toMatch(/Pages:\s+3/);
    expect(stderr).toBe('');
  });

  it('should leave the original bytes untouched when appending to a classic cross-reference table', async () => {
    const original = await threePagePdf(false);

    const finished = await finishPdf(original, metadata, 'DOC-2025-0042', created);

    expect(Buffer.compare(finished.pdf.subarray(0, original.length), Buffer.from(original))).toBe(0);
    expect(finished.pdf.subarray(original.length).toString('latin1')).toMatch(/trailer\s*<<[^]*\/Prev \d+[^]*%%EOF\n$/);
  });
});
