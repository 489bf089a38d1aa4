import { INVOICE_STATUSES, type Caller, type InvoiceStatus } from '@sons/contracts';
import { allowedInvoiceActions, assertInvoiceAction, invoiceActionRefusal } from './invoice-access.js';
import { INVOICE_TRANSITIONS } from './invoice-status.js';

const aes: Caller = { userId: 'aes-1', roles: ['aes'], vendorId: null };
const admin: Caller = { userId: 'admin-1', roles: ['admin'], vendorId: null };
const incert: Caller = { userId: 'incert-1', roles: ['incert'], vendorId: null };
const readonly: Caller = { userId: 'ro-1', roles: ['readonly'], vendorId: null };
const vendor: Caller = { userId: 'v-1', roles: ['vendor_admin'], vendorId: '6f1c1d8e-0000-4000-8000-000000000001' };
const BATCH = 'c3c1e2de-0000-4000-8000-000000000001';
const invoice = (status: InvoiceStatus, exportedBatchId: string | null = null) => ({ status, exportedBatchId });

describe('invoice actions (allowedActions and the service guard)', () => {
  it('should offer AeS approval on an issued invoice and a transfer once approved, cancellation while unpaid', () => {
    const expected: Record<InvoiceStatus, string[]> = {
      issued: ['approve', 'cancel'],
      approved: ['record_payment', 'cancel'],
      partially_paid: ['record_payment'],
      // A transfer received after full payment is still recorded (and flagged overpaid).
      paid: ['record_payment'],
      overpaid: ['record_payment'],
      cancelled: [],
    };
    for (const status of INVOICE_STATUSES) {
      expect(allowedInvoiceActions(aes, invoice(status))).toEqual(expected[status]);
      expect(allowedInvoiceActions(admin, invoice(status))).toEqual(expected[status]);
    }
  });

  it('should not offer cancellation when the approved invoice is in an exported SEPA file', () => {
    expect(allowedInvoiceActions(aes, invoice('approved', BATCH))).toEqual(['record_payment']);
    expect(() => assertInvoiceAction(invoice('approved', BATCH), 'cancel')).toThrow(
      expect.objectContaining({ code: 'INVOICE_IN_TRANSFER_FILE', status: 409 }),
    );
  });

  it('should offer nothing to vendors, INCERT or read-only operators at any status', () => {
    for (const status of INVOICE_STATUSES)
      for (const caller of [vendor, incert, readonly]) expect(allowedInvoiceActions(caller, invoice(status))).toEqual([]);
  });

  it('should refuse with the codes the API answers when the status does not allow the action', () => {
    expect(invoiceActionRefusal(invoice('issued'), 'record_payment')?.code).toBe('INVOICE_NOT_APPROVED');
    expect(invoiceActionRefusal(invoice('cancelled'), 'record_payment')?.code).toBe('INVOICE_CANCELLED');
    expect(invoiceActionRefusal(invoice('approved'), 'approve')?.code).toBe('INVALID_TRANSITION');
    expect(invoiceActionRefusal(invoice('paid'), 'cancel')?.code).toBe('INVALID_TRANSITION');
  });

  it('should agree with the transition table for approval and cancellation', () => {
    for (const status of INVOICE_STATUSES) {
      expect(invoiceActionRefusal(invoice(status), 'approve') === null).toBe(INVOICE_TRANSITIONS[status].includes('approved'));
      expect(invoiceActionRefusal(invoice(status), 'cancel') === null).toBe(INVOICE_TRANSITIONS[status].includes('cancelled'));
    }
  });
});
