import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SEED_TEMPLATE_KEYS } from '../src/render/index.js';

const run = promisify(execFile);

// The text of a PDF as poppler's pdftotext reads it (layout-free, whitespace collapsed).
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sons-pdf-'));
  try {
    await writeFile(join(dir, 'doc.pdf'), pdf);
    await run('pdftotext', ['-enc', 'UTF-8', join(dir, 'doc.pdf'), join(dir, 'doc.txt')]);
    return (await readFile(join(dir, 'doc.txt'), 'utf8')).replace(/\s+/g, ' ');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const templatesDir = join(import.meta.dirname, '..', 'templates');

export async function sampleOf(key: (typeof SEED_TEMPLATE_KEYS)[number]): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(templatesDir, key, 'sample.json'), 'utf8')) as Record<string, unknown>;
}

// The sample data with the party's name replaced by a marker the test then looks for in the PDF's text.
export async function markedSample(key: (typeof SEED_TEMPLATE_KEYS)[number], marker: string): Promise<Record<string, unknown>> {
  const data = await sampleOf(key);
  const party = (data.vendor ?? data.issuer) as { name: string };
  party.name = marker;
  return data;
}
