import type { Response } from 'express';
import { DomainError } from '@sons/contracts';
import type { AttachmentStore } from '@sons/platform';

// Streams a stored file after the enrolment service allowed it (and, for documentation, logged the download).
export async function sendAttachment(store: AttachmentStore, res: Response, attachmentId: string): Promise<void> {
  const file = await store.get(attachmentId);
  if (!file) throw new DomainError('ATTACHMENT_NOT_FOUND', 404, { fr: 'Fichier introuvable.', en: 'File not found.' });
  res
    .status(200)
    .type(file.meta.contentType)
    .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.meta.fileName)}`)
    .setHeader('X-Content-SHA256', file.meta.sha256)
    .setHeader('Cache-Control', 'no-store')
    .send(Buffer.from(file.data));
}

// The version the caller saw: the body's expectedVersion, or an If-Match header ("3" or 3).
export function expectedVersionOf(body: Record<string, unknown>, ifMatch: string | string[] | undefined): number | undefined {
  if (typeof body.expectedVersion === 'number') return body.expectedVersion;
  const raw = typeof ifMatch === 'string' ? ifMatch.replace(/^W\//, '').replace(/"/g, '').trim() : '';
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}
