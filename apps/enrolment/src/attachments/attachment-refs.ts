import { Inject, Injectable } from '@nestjs/common';
import { isOperator, validationError, type Caller } from '@sons/contracts';
import { ATTACHMENTS, type AttachmentMeta, type AttachmentStore } from '@sons/platform';

// Attachments referenced by a submission are checked where they are referenced: they exist, they were uploaded by
// this caller (or, for a vendor, by another user of the same vendor), and carry the expected purpose.
@Injectable()
export class AttachmentRefs {
  constructor(@Inject(ATTACHMENTS) private readonly store: AttachmentStore) {}

  async require(id: string, caller: Caller, options: { field: string; purpose?: string }): Promise<AttachmentMeta> {
    const meta = await this.store.info(id);
    // An operator references only files it uploaded itself (a vendor user not yet enrolled also uploads files that
    // belong to no vendor); a vendor's user, files of its own vendor.
    const mine =
      meta &&
      (meta.uploadedBy === caller.userId ||
        (!isOperator(caller) && Boolean(caller.vendorId) && meta.vendorId === caller.vendorId));
    if (!meta || !mine) {
      throw validationError([
        {
          path: options.field,
          rule: 'attachment',
          message: {
            fr: `${options.field} : fichier introuvable. Déposez d’abord le fichier (POST /api/attachments), puis indiquez l’identifiant renvoyé.`,
            en: `${options.field}: file not found. Upload the file first (POST /api/attachments), then give the id it returns.`,
          },
        },
      ]);
    }
    if (options.purpose && meta.purpose !== options.purpose) {
      throw validationError([
        {
          path: options.field,
          rule: 'attachmentPurpose',
          message: {
            fr: `${options.field} : ce fichier a été déposé pour « ${meta.purpose} » ; déposez-le avec l’usage « ${options.purpose} » (en-tête X-Purpose).`,
            en: `${options.field}: this file was uploaded for "${meta.purpose}"; upload it with purpose "${options.purpose}" (X-Purpose header).`,
          },
        },
      ]);
    }
    return meta;
  }
}
