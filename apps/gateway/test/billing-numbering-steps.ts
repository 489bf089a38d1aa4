import { expect } from '@jest/globals';
import type { InvoiceSummary } from '@sons/contracts';
import { operator, startSystem, type ApiClient, type RunningSystem } from '@sons/testing';
import {
  daysAgo,
  enrolVendor,
  invoiceableConnection,
  publishLabel,
  seedTransactions,
  type Provider,
  type Vendor,
} from './connection-steps.js';

// The setting of the invoice-numbering tests (PROCESS.md Phase 3.3): one labelled vendor whose connections the test
// makes invoiceable in bulk, invoices issued by command only (BILLING_AUTO_ISSUE off) so the test decides when issuers
// race, and the checks of a gapless yearly sequence.
export const numberingYear = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Luxembourg' }).format(new Date()).slice(0, 4);

export type NumberingBench = {
  system: RunningSystem;
  aes: ApiClient;
  // `count` invoiceable connections of one provider each, prepared ten at a time; their ids.
  prepare: (count: number) => Promise<string[]>;
  // Every invoice, all pages.
  allInvoices: () => Promise<InvoiceSummary[]>;
  // Numbers 1..count of this year, each once, one invoice per connection.
  expectGapless: (invoices: InvoiceSummary[], count: number) => void;
};

export async function numberingBench(name: string): Promise<NumberingBench> {
  const software = { softwareName: 'MediDesk', version: '5.0' };
  const system = await startSystem({
    name,
    services: ['enrolment', 'connection', 'billing'],
    env: { RATE_LIMIT_COMMANDS: '100000', BILLING_AUTO_ISSUE: 'off' },
  });
  const [incert, aes] = await Promise.all([operator(system.baseUrl, 'incert'), operator(system.baseUrl, 'aes')]);
  const vendor: Vendor = await enrolVendor(system, 21, { companyName: 'Numérotation SA' });
  await publishLabel(system, vendor, { ...software, labelledAt: daysAgo(30) });
  let seq = 0;

  const prepare = async (count: number): Promise<string[]> => {
    const providers: Provider[] = Array.from({ length: count }, () => {
      seq += 1;
      return { providerCode: String(91000000 + seq), doctorName: `Dr Numéro ${seq}`, transactionReference: `PID-NUM-${seq}` };
    });
    await seedTransactions(
      incert,
      providers.map((p) => ({
        reference: p.transactionReference,
        providerCode: p.providerCode,
        timestamp: daysAgo(1),
        kind: 'pid' as const,
      })),
    );
    const ids: string[] = [];
    for (let i = 0; i < providers.length; i += 10) {
      const batch = await Promise.all(
        providers.slice(i, i + 10).map((p) => invoiceableConnection(vendor, incert, software, [p])),
      );
      ids.push(...batch.map((c) => c.connectionId));
    }
    return ids;
  };

  const allInvoices = async (): Promise<InvoiceSummary[]> => {
    const out: InvoiceSummary[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: InvoiceSummary[]; nextCursor: string | null } } = await aes.get(
        `/api/invoices?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      out.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return out;
  };

  const expectGapless = (invoices: InvoiceSummary[], count: number) => {
    const numbers = invoices.map((i) => i.number).sort();
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toEqual(Array.from({ length: count }, (_, i) => `SONS-${numberingYear}-${String(i + 1).padStart(6, '0')}`));
    expect(new Set(invoices.map((i) => i.connectionId)).size).toBe(invoices.length);
  };

  return { system, aes, prepare, allInvoices, expectGapless };
}
