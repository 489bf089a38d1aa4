import { createHash } from 'node:crypto';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { PdfMetadata } from './render.types.js';

export const PDF_PRODUCER = 'SONS documents (Chromium, pdf-lib)';

export type FinishedPdf = { pdf: Buffer; sha256: string; pages: number; size: number };

// Chromium writes its own Info dictionary; the archived document carries ours instead, the
// reference as keyword (what the verification page looks up) and the catalog /Lang for screen readers.
export const finishPdf = async (
  bytes: Uint8Array,
  metadata: PdfMetadata,
  reference: string,
  now: Date,
): Promise<FinishedPdf> => {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  document.setAuthor(metadata.author);
  document.setSubject(metadata.subject);
  document.setKeywords([reference, ...(metadata.keywords ?? [])]);
  document.setCreator('SONS documents');
  document.setProducer(PDF_PRODUCER);
  const created = metadata.creationDate ?? now;
  document.setCreationDate(created);
  document.setModificationDate(created);
  document.catalog.set(PDFName.of('Lang'), PDFString.of(metadata.language));
  const saved = await document.save();
  const pdf = Buffer.from(saved.buffer, saved.byteOffset, saved.byteLength);
  return {
    pdf,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    pages: document.getPageCount(),
    size: pdf.byteLength,
  };
};
