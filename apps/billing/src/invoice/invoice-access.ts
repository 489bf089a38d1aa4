import {
  DomainError,
  INVOICE_ACTIONS,
  hasRole,
  type Caller,
  type InvoiceAction,
  type InvoiceStatus,
  type Role,
} from '@sons/contracts';
import { invoiceTransitionRefusal } from './invoice-status.js';

// Invoicing and payment → AeS (PROCESS.md, contact points); the platform admin too. No caller is the system itself.
export const INVOICE_ACTORS: readonly Role[] = ['aes', 'admin'];
export const mayActOnInvoices = (caller: Caller | null): boolean => !caller || hasRole(caller, ...INVOICE_ACTORS);

type InvoiceState = { status: InvoiceStatus; exportedBatchId?: string | null };

// Why the invoice's state refuses the action now (null: it allows it). The service throws this refusal; the view
// lists the actions without one, so both read the same rule.
export function invoiceActionRefusal(invoice: InvoiceState, action: InvoiceAction): DomainError | null {
  switch (action) {
    case 'approve':
      return invoiceTransitionRefusal(invoice.status, 'approved');
    case 'cancel':
      // The bank pays what is in an exported SEPA file: the transfer is cancelled at the bank first.
      if (invoice.exportedBatchId && invoice.status === 'approved') {
        return new DomainError(
          'INVOICE_IN_TRANSFER_FILE',
          409,
          {
            fr: 'Cette facture figure dans un fichier de virements SEPA déjà exporté : faites d’abord annuler le virement par la banque, puis enregistrez-le.',
            en: 'This invoice is in an exported SEPA transfer file: have the bank cancel the transfer first.',
          },
          { meta: { batchId: invoice.exportedBatchId } },
        );
      }
      // An invoice is cancelled only while nothing was paid (by a credit note).
      return invoiceTransitionRefusal(invoice.status, 'cancelled');
    case 'record_payment':
      // Once approved a transfer is always recorded — a transfer after full payment too, flagged as overpaid.
      if (invoice.status === 'issued') {
        return new DomainError(
          'INVOICE_NOT_APPROVED',
          409,
          {
            fr: 'La facture n’est pas encore approuvée : approuvez-la avant d’enregistrer son paiement.',
            en: 'The invoice is not approved yet: approve it before recording its payment.',
          },
          { meta: { status: invoice.status } },
        );
      }
      if (invoice.status === 'cancelled') {
        return new DomainError(
          'INVOICE_CANCELLED',
          409,
          {
            fr: 'La facture est annulée par un avoir : aucun paiement ne peut y être enregistré.',
            en: 'The invoice is cancelled by a credit note: no payment can be recorded against it.',
          },
          { meta: { status: invoice.status } },
        );
      }
      return null;
    default: {
      const unreachable: never = action;
      throw new Error(`unknown invoice action ${String(unreachable)}`);
    }
  }
}

export function assertInvoiceAction(invoice: InvoiceState, action: InvoiceAction): void {
  const refusal = invoiceActionRefusal(invoice, action);
  if (refusal) throw refusal;
}

// What this caller may do with the invoice now: nothing unless AeS (or admin), then what the invoice's state allows.
export function allowedInvoiceActions(caller: Caller | null, invoice: InvoiceState): InvoiceAction[] {
  if (!mayActOnInvoices(caller)) return [];
  return INVOICE_ACTIONS.filter((action) => !invoiceActionRefusal(invoice, action));
}
