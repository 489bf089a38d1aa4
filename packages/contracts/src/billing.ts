import { z } from 'zod';
import type { EventForStatus } from './catalogue.js';
import { pageOf, pageQuerySchema, uuid } from './common.js';
import { defineCommand, defineEvent } from './registry.js';

// Phase 3.3 — invoices and payments (PROCESS.md Phase 3; decision: 640 EUR TTC per validated connected provider,
// tariff from programme data). Amounts are integer cents. The invoice is issued in the vendor's name to AeS with the
// vendor's identity valid at the invoice date; AeS approves, pays by bank transfer, and records the transfer.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date (YYYY-MM-DD)');

// WARNING: persisted status strings; never rename one.
export const INVOICE_STATUSES = ['issued', 'approved', 'partially_paid', 'paid', 'overpaid', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const PDF_STATUSES = ['pending', 'rendered'] as const;
// A recorded transfer that does not settle the invoice exactly is flagged for AeS.
export const PAYMENT_FLAGS = ['partial', 'overpaid', 'reference_mismatch', 'after_cancellation'] as const;
export type PaymentFlag = (typeof PAYMENT_FLAGS)[number];

const addressSchema = z.object({ street: z.string(), postalCode: z.string(), city: z.string(), country: z.string() });

export const invoiceLineSchema = z.object({
  providerCode: z.string(),
  providerName: z.string(),
  site: z.string().nullable(),
  connectedOn: isoDate,
  amountInclVatCents: z.number().int(),
});

export const paymentSchema = z.object({
  paymentId: uuid,
  paidOn: isoDate,
  amountCents: z.number().int(),
  reference: z.string(),
  flags: z.array(z.enum(PAYMENT_FLAGS)),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type PaymentDto = z.infer<typeof paymentSchema>;

export const creditNoteSchema = z.object({
  creditNoteId: uuid,
  number: z.string(),
  issuedOn: isoDate,
  reason: z.string(),
  amountInclVatCents: z.number().int(),
  vatCents: z.number().int(),
  exclVatCents: z.number().int(),
});

// What the caller may do with the invoice now (AeS: by its status and SEPA file), computed by the billing service from
// the rule its commands enforce; the back-office shows these actions and nothing else.
export const INVOICE_ACTIONS = ['approve', 'record_payment', 'cancel'] as const;
export type InvoiceAction = (typeof INVOICE_ACTIONS)[number];

export const invoiceSummarySchema = z.object({
  invoiceId: uuid,
  number: z.string(),
  connectionId: uuid,
  vendorId: uuid,
  vendorName: z.string(),
  status: z.enum(INVOICE_STATUSES),
  issuedOn: isoDate,
  dueOn: isoDate,
  totalInclVatCents: z.number().int(),
  paidCents: z.number().int(),
  // True when a recorded transfer is partial, too large or does not carry the invoice number.
  paymentFlagged: z.boolean(),
  pdfStatus: z.enum(PDF_STATUSES),
  version: z.number().int(),
  allowedActions: z.array(z.enum(INVOICE_ACTIONS)),
});
export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>;

export const invoiceDetailSchema = invoiceSummarySchema.extend({
  issuer: z.object({
    name: z.string(),
    address: addressSchema,
    vatNumber: z.string(),
    iban: z.string(),
    rcs: z.string().nullable(),
    email: z.string().nullable(),
    identityVersion: z.number().int(),
  }),
  addressee: z.object({ name: z.string(), department: z.string().nullable(), address: addressSchema }),
  software: z.object({ name: z.string(), version: z.string() }),
  lines: z.array(invoiceLineSchema),
  vat: z.object({ ratePercent: z.number() }),
  totals: z.object({ exclVatCents: z.number().int(), vatCents: z.number().int(), inclVatCents: z.number().int() }),
  pdf: z.object({ documentId: z.string(), reference: z.string(), attachmentId: z.string(), sha256: z.string() }).nullable(),
  payments: z.array(paymentSchema),
  creditNote: creditNoteSchema.nullable(),
  approvedAt: z.string().nullable(),
  exportedInBatch: z.string().nullable(),
});
export type InvoiceDetail = z.infer<typeof invoiceDetailSchema>;

const invoiceAction = z.object({ invoiceId: uuid, expectedVersion: z.number().int().positive().optional() });

export const issueInvoice = defineCommand(
  'sons.billing.invoice.issue',
  'Issue the invoice of an invoiceable connection (idempotent: answers the connection’s current invoice if there is one)',
  z.object({ connectionId: uuid }),
  invoiceDetailSchema,
);

export const getInvoice = defineCommand(
  'sons.billing.invoice.get',
  'Read one invoice (its vendor and operators)',
  z.object({ invoiceId: uuid }),
  invoiceDetailSchema,
);

export const listInvoices = defineCommand(
  'sons.billing.invoice.list',
  'List invoices by number (operators: all, filterable; vendors: their own)',
  pageQuerySchema.extend({
    status: z.enum(INVOICE_STATUSES).optional(),
    vendorId: uuid.optional(),
    connectionId: uuid.optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    flagged: z.enum(['true', 'false']).optional(),
  }),
  pageOf(invoiceSummarySchema),
);

export const approveInvoice = defineCommand(
  'sons.billing.invoice.approve',
  'AeS approves an invoice for payment (it then appears in the SEPA export)',
  invoiceAction,
  invoiceDetailSchema,
);

export const cancelInvoice = defineCommand(
  'sons.billing.invoice.cancel',
  'AeS cancels an unpaid invoice by issuing a credit note (an invoice is never deleted); the connection may be invoiced again',
  invoiceAction.extend({ reason: z.string().trim().min(5).max(1000) }),
  invoiceDetailSchema,
);

export const recordPayment = defineCommand(
  'sons.billing.payment.record',
  'AeS records the bank transfer of an approved invoice (date, amount, reference); partial or mismatched transfers are flagged; an idempotency key makes a retry record it once',
  z.object({
    invoiceId: uuid,
    paidOn: isoDate,
    amountCents: z.number().int().positive().max(99_999_999_999),
    reference: z.string().trim().min(1).max(140),
    // The same key again (a retry after a timeout, a second click) records nothing more and answers the invoice.
    idempotencyKey: z.string().min(8).max(100).optional(),
  }),
  invoiceDetailSchema,
);

export const getInvoicePdf = defineCommand(
  'sons.billing.invoice.pdf',
  'Where the invoice PDF is stored (its vendor and operators; the gateway streams it)',
  z.object({ invoiceId: uuid }),
  z.object({ invoiceId: uuid, number: z.string(), attachmentId: z.string(), sha256: z.string() }),
);

export const transferBatchSchema = z.object({
  batchId: uuid,
  messageId: z.string(),
  createdAt: z.string(),
  requestedExecutionDate: isoDate,
  numberOfTransactions: z.number().int(),
  controlSumCents: z.number().int(),
  invoiceIds: z.array(uuid),
  attachmentId: z.string(),
  sha256: z.string(),
});
export type TransferBatch = z.infer<typeof transferBatchSchema>;

export const exportTransfers = defineCommand(
  'sons.billing.transfer-batch.export',
  'AeS exports the approved unpaid invoices not yet exported as a SEPA credit transfer file (pain.001.001.09)',
  z.object({ requestedExecutionDate: isoDate.optional(), invoiceIds: z.array(uuid).max(5000).optional() }),
  transferBatchSchema,
);

export const listTransferBatches = defineCommand(
  'sons.billing.transfer-batch.list',
  'SEPA credit transfer files exported so far, newest first (operators)',
  pageQuerySchema,
  pageOf(transferBatchSchema),
);

export const getTransferBatch = defineCommand(
  'sons.billing.transfer-batch.get',
  'One exported SEPA credit transfer file (operators; the gateway streams the XML)',
  z.object({ batchId: uuid }),
  transferBatchSchema,
);

// ---------------------------------------------------------------------------------------------------------------
// Events (thin: ids, number, status, amounts).
const invoiceStatusChange = z.object({
  invoiceId: uuid,
  number: z.string(),
  connectionId: uuid,
  vendorId: uuid,
  status: z.enum(INVOICE_STATUSES),
  previousStatus: z.enum(INVOICE_STATUSES).nullable(),
  totalInclVatCents: z.number().int(),
  paidCents: z.number().int(),
});

export const invoiceIssued = defineEvent(
  'sons.billing.invoice.issued',
  'An invoice was issued in the vendor’s name to AeS for a verified connection (number allocated, PDF follows)',
  invoiceStatusChange,
);
export const invoiceApproved = defineEvent(
  'sons.billing.invoice.approved',
  'AeS approved the invoice for payment',
  invoiceStatusChange,
);
export const invoicePartiallyPaid = defineEvent(
  'sons.billing.invoice.partially-paid',
  'A transfer was recorded that covers only part of the invoice (flagged for AeS)',
  invoiceStatusChange,
);
export const invoicePaid = defineEvent(
  'sons.billing.invoice.paid',
  'The invoice is paid in full by bank transfer',
  invoiceStatusChange,
);
export const invoiceOverpaid = defineEvent(
  'sons.billing.invoice.overpaid',
  'The transfers recorded exceed the invoice amount (flagged for AeS)',
  invoiceStatusChange,
);
export const invoiceCancelled = defineEvent(
  'sons.billing.invoice.cancelled',
  'The invoice was cancelled by a credit note (never deleted); the connection may be invoiced again',
  invoiceStatusChange.extend({ creditNoteId: uuid, creditNoteNumber: z.string() }),
);
export const invoiceRendered = defineEvent(
  'sons.billing.invoice.rendered',
  'The invoice PDF was rendered by the documents worker and stored (fetch it through the API)',
  z.object({ invoiceId: uuid, number: z.string(), vendorId: uuid, documentId: uuid, documentReference: z.string() }),
);
export const paymentRecorded = defineEvent(
  'sons.billing.payment.recorded',
  'AeS recorded a bank transfer against an invoice; `flags` says when it is partial or does not match',
  z.object({
    invoiceId: uuid,
    number: z.string(),
    vendorId: uuid,
    paymentId: uuid,
    amountCents: z.number().int(),
    flags: z.array(z.enum(PAYMENT_FLAGS)),
  }),
);
export const transferBatchExported = defineEvent(
  'sons.billing.transfer-batch.exported',
  'AeS exported a SEPA credit transfer file (pain.001.001.09) of approved unpaid invoices',
  z.object({ batchId: uuid, messageId: z.string(), numberOfTransactions: z.number().int(), controlSumCents: z.number().int() }),
);

export const BILLING_EVENTS = [
  invoiceIssued,
  invoiceApproved,
  invoicePartiallyPaid,
  invoicePaid,
  invoiceOverpaid,
  invoiceCancelled,
  invoiceRendered,
  paymentRecorded,
  transferBatchExported,
] as const;

// Read by the catalogue test next to apps/billing's INVOICE_TRANSITIONS.
export const INVOICE_EVENT_FOR_STATUS = {
  issued: invoiceIssued,
  approved: invoiceApproved,
  partially_paid: invoicePartiallyPaid,
  paid: invoicePaid,
  overpaid: invoiceOverpaid,
  cancelled: invoiceCancelled,
} satisfies EventForStatus<InvoiceStatus>;
