import { DomainError, documentSuperseded, documentWithdrawn, type EventForStatus } from '@sons/contracts';
import type { DOCUMENT_STATUSES } from '@sons/contracts';

export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

// What the public verification page says of a document: valid until withdrawn (AeS/admin) or replaced by a newer
// document (superseded); a superseded document may still be withdrawn.
export const DOCUMENT_TRANSITIONS: Record<DocumentStatus, readonly DocumentStatus[]> = {
  valid: ['withdrawn', 'superseded'],
  superseded: ['withdrawn'],
  withdrawn: [],
};

export const DOCUMENT_EVENT_FOR_STATUS: EventForStatus<DocumentStatus> = {
  withdrawn: documentWithdrawn,
  superseded: documentSuperseded,
};

export function assertDocumentTransition(from: DocumentStatus, to: DocumentStatus, reference: string): void {
  if (DOCUMENT_TRANSITIONS[from].includes(to)) return;
  throw new DomainError(
    'INVALID_TRANSITION',
    409,
    {
      fr: `Le document ${reference} est « ${from} » : il ne peut pas devenir « ${to} ».`,
      en: `Document ${reference} is "${from}": it cannot become "${to}".`,
    },
    { meta: { from, to } },
  );
}
