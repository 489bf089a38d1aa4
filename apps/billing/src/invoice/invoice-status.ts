import { DomainError, type InvoiceStatus } from '@sons/contracts';

// WARNING: status strings are persisted; never rename one.
// An invoice is never deleted: it is cancelled only by a credit note, and only while nothing was paid.
export const INVOICE_TRANSITIONS: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  issued: ['approved', 'cancelled'],
  approved: ['partially_paid', 'paid', 'overpaid', 'cancelled'],
  partially_paid: ['paid', 'overpaid'],
  // A transfer recorded after full payment (e.g. paid twice) is flagged.
  paid: ['overpaid'],
  overpaid: [],
  cancelled: [],
};

// The refusal of a move the table does not allow (null when it does); the access rule reads it without throwing.
export function invoiceTransitionRefusal(from: InvoiceStatus, to: InvoiceStatus): DomainError | null {
  if (INVOICE_TRANSITIONS[from].includes(to)) return null;
  return new DomainError(
    'INVALID_TRANSITION',
    409,
    {
      fr: `Action impossible : la facture est au statut « ${from} » et ne peut pas passer à « ${to} ».`,
      en: `Action not possible: the invoice is "${from}" and cannot move to "${to}".`,
    },
    { meta: { from, to, allowed: INVOICE_TRANSITIONS[from] } },
  );
}

export function assertInvoiceTransition(from: InvoiceStatus, to: InvoiceStatus): void {
  const refusal = invoiceTransitionRefusal(from, to);
  if (refusal) throw refusal;
}
