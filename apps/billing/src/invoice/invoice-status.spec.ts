import { INVOICE_EVENT_FOR_STATUS, INVOICE_STATUSES } from '@sons/contracts';
import { INVOICE_TRANSITIONS, assertInvoiceTransition } from './invoice-status.js';

describe('invoice status machine', () => {
  it('should have a row and an event for every status', () => {
    expect(Object.keys(INVOICE_TRANSITIONS).sort()).toEqual([...INVOICE_STATUSES].sort());
    for (const status of INVOICE_STATUSES) expect(INVOICE_EVENT_FOR_STATUS[status]).toBeDefined();
  });

  it('should cancel only an unpaid invoice (by credit note) and never leave cancelled or overpaid', () => {
    expect(() => assertInvoiceTransition('issued', 'cancelled')).not.toThrow();
    expect(() => assertInvoiceTransition('approved', 'cancelled')).not.toThrow();
    for (const from of ['partially_paid', 'paid', 'overpaid', 'cancelled'] as const)
      expect(() => assertInvoiceTransition(from, 'cancelled')).toThrow(/cancelled/);
    expect(INVOICE_TRANSITIONS.cancelled).toEqual([]);
    expect(() => assertInvoiceTransition('issued', 'paid')).toThrow();
  });
});
