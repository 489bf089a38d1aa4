import { describe, expect, it } from '@jest/globals';
import { connectionsVerdict, countByStatus, invoicesVerdict, labellingVerdict } from './stages.js';

describe('vendor dashboard stages', () => {
  it('should ask for Form 3 before any labelling request and say when every version is labelled', () => {
    expect(labellingVerdict([])).toEqual({ state: 'current', next: 'dashboard.labelling.start' });
    expect(labellingVerdict(['labelled', 'labelled'])).toEqual({ state: 'done', next: 'labelling.next.labelled' });
  });

  it('should put what the vendor must do before what it waits for', () => {
    expect(labellingVerdict(['labelled', 'queued'])).toEqual({ state: 'waiting', next: 'labelling.next.queued' });
    expect(labellingVerdict(['queued', 'complement_requested'])).toEqual({ state: 'current', next: 'labelling.next.complement' });
    expect(labellingVerdict(['agreement_sent'])).toEqual({ state: 'current', next: 'labelling.next.sign' });
  });

  it('should ask for the payment of a verified connection and wait while INCERT verifies', () => {
    expect(connectionsVerdict([])).toEqual({ state: 'current', next: 'dashboard.connections.start' });
    expect(connectionsVerdict(['invoiceable', 'verified', 'submitted'])).toEqual({
      state: 'current',
      next: 'dashboard.connections.requestPayment',
    });
    expect(connectionsVerdict(['invoiceable', 'under_verification'])).toEqual({
      state: 'waiting',
      next: 'dashboard.connections.verifying',
    });
    expect(connectionsVerdict(['invoiceable', 'refused'])).toEqual({ state: 'done', next: 'dashboard.connections.more' });
  });

  it('should wait for AeS while an invoice is unpaid and be done when all are paid or cancelled', () => {
    expect(invoicesVerdict([])).toEqual({ state: 'waiting', next: 'dashboard.invoices.none' });
    expect(invoicesVerdict(['paid', 'approved'])).toEqual({ state: 'waiting', next: 'dashboard.invoices.waiting' });
    expect(invoicesVerdict(['paid', 'overpaid'])).toEqual({ state: 'waiting', next: 'dashboard.invoices.overpaid' });
    expect(invoicesVerdict(['paid', 'cancelled'])).toEqual({ state: 'done', next: 'dashboard.invoices.paid' });
  });

  it('should count cases by status, most frequent first', () => {
    expect(countByStatus(['paid', 'approved', 'paid', 'issued', 'paid'])).toEqual([
      ['paid', 3],
      ['approved', 1],
      ['issued', 1],
    ]);
  });
});
