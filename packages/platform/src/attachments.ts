import { createHash, randomUUID } from 'node:crypto';
import { Objm, type ObjectStore } from '@nats-io/obj';
import { StorageType } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DomainError } from '@sons/contracts';

// Uploaded files (NDA, evidence, delivery notes) and generated PDFs. Write-once: an id is never overwritten, so a
// submitted file cannot be altered. Stored in a NATS JetStream object store (replicated with the NATS cluster);
// the interface lets an S3 adapter replace it.
export type AttachmentMeta = {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  vendorId: string | null;
  uploadedBy: string;
  uploadedAt: string;
  purpose: string;
};

export type AttachmentInput = {
  data: Uint8Array;
  fileName: string;
  vendorId: string | null;
  uploadedBy: string;
  purpose: string;
  contentType?: string;
};

export type AttachmentStore = {
  put(input: AttachmentInput): Promise<AttachmentMeta>;
  info(id: string): Promise<AttachmentMeta | null>;
  get(id: string): Promise<{ meta: AttachmentMeta; data: Uint8Array } | null>;
};

export const ALLOWED_UPLOAD_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/zip',
  'application/xml',
  'text/plain',
] as const;

// The type comes from the bytes, never from the file name or the declared header.
export function sniffContentType(bytes: Uint8Array): string | null {
  const startsWith = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (startsWith(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (startsWith(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (startsWith(0x50, 0x4b, 0x03, 0x04)) return 'application/zip';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512));
  if (/^\s*<\?xml/.test(head)) return 'application/xml';
  // Plain UTF-8 text without control characters other than whitespace.
  const sample = bytes.subarray(0, 4096);
  if (sample.length > 0 && sample.every((b) => b === 9 || b === 10 || b === 13 || b >= 32)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample);
      return 'text/plain';
    } catch {
      return null;
    }
  }
  return null;
}

export const bucketName = (subjectPrefix: string) =>
  `sons_attachments${subjectPrefix ? `_${subjectPrefix.replace(/[^A-Za-z0-9]/g, '')}` : ''}`;

export class NatsObjectAttachmentStore implements AttachmentStore {
  private store: Promise<ObjectStore> | null = null;

  constructor(
    private readonly nc: NatsConnection,
    private readonly bucket: string,
    private readonly options: { maxBytes: number; allowedTypes?: readonly string[]; replicas?: number },
  ) {}

  private open(): Promise<ObjectStore> {
    this.store ??= new Objm(this.nc).create(this.bucket, { storage: StorageType.File, replicas: this.options.replicas ?? 1 });
    return this.store;
  }

  async put(input: AttachmentInput): Promise<AttachmentMeta> {
    if (input.data.byteLength === 0) {
      throw new DomainError('FILE_EMPTY', 400, { fr: 'Le fichier est vide.', en: 'The file is empty.' });
    }
    if (input.data.byteLength > this.options.maxBytes) {
      throw new DomainError('FILE_TOO_LARGE', 413, {
        fr: `Le fichier dépasse la taille maximale de ${Math.round(this.options.maxBytes / 1024 / 1024)} Mo.`,
        en: `The file exceeds the maximum size of ${Math.round(this.options.maxBytes / 1024 / 1024)} MB.`,
      });
    }
    const sniffed = input.contentType ?? sniffContentType(input.data);
    const allowed = this.options.allowedTypes ?? ALLOWED_UPLOAD_TYPES;
    if (!sniffed || !allowed.includes(sniffed)) {
      throw new DomainError(
        'FILE_TYPE_NOT_ALLOWED',
        400,
        {
          fr: `Type de fichier non accepté${sniffed ? ` (${sniffed})` : ''}. Formats acceptés : PDF, PNG, JPEG, ZIP, XML, texte.`,
          en: `File type not accepted${sniffed ? ` (${sniffed})` : ''}. Accepted formats: PDF, PNG, JPEG, ZIP, XML, text.`,
        },
        { meta: { detected: sniffed ?? 'unknown' } },
      );
    }
    const meta: AttachmentMeta = {
      id: randomUUID(),
      fileName: input.fileName.replace(/[\\/\x00-\x1f]/g, '_').slice(0, 200) || 'file',
      contentType: sniffed,
      size: input.data.byteLength,
      sha256: createHash('sha256').update(input.data).digest('hex'),
      vendorId: input.vendorId,
      uploadedBy: input.uploadedBy,
      uploadedAt: new Date().toISOString(),
      purpose: input.purpose,
    };
    const store = await this.open();
    await store.putBlob({ name: meta.id, description: JSON.stringify(meta) }, input.data);
    return meta;
  }

  async info(id: string): Promise<AttachmentMeta | null> {
    const store = await this.open();
    const info = await store.info(id);
    if (!info || info.deleted || !info.description) return null;
    return JSON.parse(info.description) as AttachmentMeta;
  }

  async get(id: string): Promise<{ meta: AttachmentMeta; data: Uint8Array } | null> {
    const meta = await this.info(id);
    if (!meta) return null;
    const data = await (await this.open()).getBlob(id);
    if (!data) return null;
    // Integrity: what comes back must be what was stored.
    if (createHash('sha256').update(data).digest('hex') !== meta.sha256) {
      throw new DomainError('FILE_CORRUPTED', 500, {
        fr: 'Le fichier stocké est corrompu.',
        en: 'The stored file is corrupted.',
      });
    }
    return { meta, data };
  }
}
