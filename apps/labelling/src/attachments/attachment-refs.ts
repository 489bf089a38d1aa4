import { Inject, Injectable } from '@nestjs/common';
import { isOperator, validationError, type Caller } from '@sons/contracts';
import { ATTACHMENTS, type AttachmentStore } from '@sons/platform';
import type { ProofFile } from '../label-request/label-request.entity.js';

// Files named by a command were uploaded first (POST /api/attachments: write-once, SHA-256). They are checked where
// they are referenced: they exist and were uploaded by this caller's side (the vendor's own users, or operators for
// operator files). Their SHA-256 is recorded with the case, so a file can be proven unchanged later.
@Injectable()
export class AttachmentRefs {
  constructor(@Inject(ATTACHMENTS) private readonly store: AttachmentStore) {}

  async require(id: string, caller: Caller, field: string): Promise<ProofFile> {
    const meta = await this.store.info(id);
    const mine =
      meta &&
      (meta.uploadedBy === caller.userId ||
        (isOperator(caller) ? meta.vendorId === null : Boolean(caller.vendorId) && meta.vendorId === caller.vendorId));
    if (!meta || !mine) {
      throw validationError([
        {
          path: field,
          rule: 'attachment',
          message: {
            fr: `${field} : fichier introuvable. Déposez d’abord le fichier (POST /api/attachments), puis indiquez l’identifiant renvoyé.`,
            en: `${field}: file not found. Upload the file first (POST /api/attachments), then give the id it returns.`,
          },
        },
      ]);
    }
    return { attachmentId: meta.id, sha256: meta.sha256, fileName: meta.fileName, size: meta.size };
  }

  async requireAll(ids: readonly string[], caller: Caller, field: string): Promise<ProofFile[]> {
    const files: ProofFile[] = [];
    for (const [i, id] of ids.entries()) files.push(await this.require(id, caller, `${field}[${i}]`));
    return files;
  }
}
