import { createHash } from 'node:crypto';
import {
  ParseSpeeds,
  PDFBool,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObjectParser,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import type { PdfSigner } from './pdf.signer.js';
import type { PdfMetadata } from './render.types.js';

export const PDF_PRODUCER = 'SONS documents (Chromium, pdf-lib)';
const CREATOR = 'SONS documents';

// signedBy: subject of the certificate that signed the PDF, or null when signing is not configured.
export type FinishedPdf = { pdf: Buffer; sha256: string; pages: number; size: number; signedBy: string | null };

export type PdfSignature = { signer: PdfSigner; contactInfo: string };

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

const serialize = (object: PDFObject): Uint8Array => {
  const bytes = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(bytes, 0);
  return bytes;
};

const name = (key: string): PDFName => PDFName.of(key);

const infoEntries = (metadata: PdfMetadata, reference: string, created: Date) => ({
  Title: PDFHexString.fromText(metadata.title),
  Author: PDFHexString.fromText(metadata.author),
  Subject: PDFHexString.fromText(metadata.subject),
  Keywords: PDFHexString.fromText([reference, ...(metadata.keywords ?? [])].join(' ')),
  Creator: PDFHexString.fromText(CREATOR),
  Producer: PDFHexString.fromText(PDF_PRODUCER),
  CreationDate: PDFString.fromDate(created),
  ModDate: PDFString.fromDate(created),
});

// What the fast path needs from a PDF with a single classic cross-reference table (Chromium's output).
type ClassicStructure = {
  context: PDFContext;
  xrefOffset: number;
  trailer: PDFDict;
  root: PDFRef;
  catalog: PDFDict;
  pages: number;
};

const parseIndirectObject = (bytes: Uint8Array, context: PDFContext, offset: number, ref: PDFRef): PDFObject | undefined => {
  const header = new RegExp(`^${ref.objectNumber}\\s+${ref.generationNumber}\\s+obj\\b`).exec(
    latin1(bytes.subarray(offset, offset + 32)),
  );
  if (!header) return undefined;
  return PDFObjectParser.forBytes(bytes.subarray(offset + header[0].length), context).parseObject();
};

// Reads the trailer, the catalog and the page count by following the cross-reference table, without
// parsing the ~200 other objects. Anything unusual (updates, xref streams, encryption) → undefined.
const readClassicStructure = (bytes: Uint8Array): ClassicStructure | undefined => {
  const tail = latin1(bytes.subarray(Math.max(0, bytes.length - 1024)));
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!startxref) return undefined;
  const xrefOffset = Number(startxref[1]);
  const section = latin1(bytes.subarray(xrefOffset));
  if (!section.startsWith('xref')) return undefined;

  const offsets = new Map<number, number>();
  const scanner = /\s*(?:(\d+)\s+(\d+)[ \t]*\r?\n|(trailer))/y;
  const entry = /(\d{10})\s(\d{5})\s([nf])\s{0,2}/y;
  scanner.lastIndex = 4;
  let trailerAt = -1;
  while (trailerAt < 0) {
    const subsection = scanner.exec(section);
    if (!subsection) return undefined;
    if (subsection[3]) {
      trailerAt = scanner.lastIndex;
      break;
    }
    const first = Number(subsection[1]);
    const count = Number(subsection[2]);
    entry.lastIndex = scanner.lastIndex;
    for (let index = 0; index < count; index += 1) {
      const found = entry.exec(section);
      if (!found) return undefined;
      if (found[3] === 'n') offsets.set(first + index, Number(found[1]));
    }
    scanner.lastIndex = entry.lastIndex;
  }

  const context = PDFContext.create();
  const trailer = PDFObjectParser.forBytes(bytes.subarray(xrefOffset + trailerAt), context).parseObject();
  if (!(trailer instanceof PDFDict)) return undefined;
  if (trailer.has(name('Prev')) || trailer.has(name('XRefStm')) || trailer.has(name('Encrypt'))) return undefined;
  const root = trailer.get(name('Root'));
  if (!(root instanceof PDFRef) || !offsets.has(root.objectNumber)) return undefined;
  const catalog = parseIndirectObject(bytes, context, offsets.get(root.objectNumber) as number, root);
  if (!(catalog instanceof PDFDict)) return undefined;
  const pagesRef = catalog.get(name('Pages'));
  if (!(pagesRef instanceof PDFRef) || !offsets.has(pagesRef.objectNumber)) return undefined;
  const pageTree = parseIndirectObject(bytes, context, offsets.get(pagesRef.objectNumber) as number, pagesRef);
  const count = pageTree instanceof PDFDict ? pageTree.get(name('Count')) : undefined;
  if (!(count instanceof PDFNumber)) return undefined;
  return { context, xrefOffset, trailer, root, catalog, pages: count.asNumber() };
};

// Incremental update (ISO 32000-1 §7.5.6): Chromium's bytes stay as they are; a new catalog (with
// /Lang) and a new Info dictionary are appended with their own xref section and trailer.
const appendUpdate = (
  bytes: Uint8Array,
  structure: ClassicStructure,
  metadata: PdfMetadata,
  reference: string,
  created: Date,
): Uint8Array => {
  const { context, trailer, root, catalog } = structure;
  const size = (trailer.get(name('Size')) as PDFNumber | undefined)?.asNumber() ?? 0;
  const infoRef = PDFRef.of(size);
  catalog.set(name('Lang'), PDFString.of(metadata.language));
  const preferences = catalog.get(name('ViewerPreferences'));
  if (preferences instanceof PDFDict) preferences.set(name('DisplayDocTitle'), PDFBool.True);
  else catalog.set(name('ViewerPreferences'), context.obj({ DisplayDocTitle: true }));

  const chunks: Uint8Array[] = [];
  let offset = bytes.length;
  const push = (chunk: Uint8Array | string): void => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    chunks.push(data);
    offset += data.length;
  };
  push('\n');
  const catalogOffset = offset;
  push(`${root.objectNumber} ${root.generationNumber} obj\n`);
  push(serialize(catalog));
  push('\nendobj\n');
  const infoOffset = offset;
  push(`${infoRef.objectNumber} 0 obj\n`);
  push(serialize(context.obj(infoEntries(metadata, reference, created))));
  push('\nendobj\n');
  const xrefOffset = offset;
  const line = (at: number, generation: number): string =>
    `${String(at).padStart(10, '0')} ${String(generation).padStart(5, '0')} n\r\n`;
  push(
    `xref\n${root.objectNumber} 1\n${line(catalogOffset, root.generationNumber)}` +
      `${infoRef.objectNumber} 1\n${line(infoOffset, 0)}`,
  );
  const newTrailer = context.obj({ Size: size + 1, Root: root, Info: infoRef, Prev: structure.xrefOffset });
  const id = trailer.get(name('ID'));
  if (id) newTrailer.set(name('ID'), id);
  push('trailer\n');
  push(serialize(newTrailer));
  push(`\nstartxref\n${xrefOffset}\n%%EOF\n`);

  const result = new Uint8Array(offset);
  result.set(bytes, 0);
  let position = bytes.length;
  for (const chunk of chunks) {
    result.set(chunk, position);
    position += chunk.length;
  }
  return result;
};

// Any other PDF: full pdf-lib load and save.
const rewrite = async (bytes: Uint8Array, metadata: PdfMetadata, reference: string, created: Date) => {
  const document = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  document.context.trailerInfo.Info = document.context.register(document.context.obj(infoEntries(metadata, reference, created)));
  document.catalog.set(name('Lang'), PDFString.of(metadata.language));
  document.catalog.getOrCreateViewerPreferences().setDisplayDocTitle(true);
  const saved = await document.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
  return { saved, pages: document.getPageCount() };
};

// Chromium writes its own Info dictionary; the archived document carries ours instead, the
// reference as keyword (what the verification page looks up) and the catalog /Lang for screen readers.
// With a signer, the PAdES signature comes last (any later byte would break it), and the SHA-256 the
// verification page compares is the one of the signed file.
export const finishPdf = async (
  bytes: Uint8Array,
  metadata: PdfMetadata,
  reference: string,
  now: Date,
  signature?: PdfSignature,
): Promise<FinishedPdf> => {
  const created = metadata.creationDate ?? now;
  const structure = readClassicStructure(bytes);
  const { saved, pages } = structure
    ? { saved: appendUpdate(bytes, structure, metadata, reference, created), pages: structure.pages }
    : await rewrite(bytes, metadata, reference, created);
  const pdf = signature
    ? await signature.signer.sign(saved, { signingTime: now, contactInfo: signature.contactInfo })
    : Buffer.from(saved.buffer, saved.byteOffset, saved.byteLength);
  return {
    pdf,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    pages,
    size: pdf.byteLength,
    signedBy: signature ? signature.signer.subject : null,
  };
};
