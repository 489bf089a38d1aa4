import type { InvoiceSummary } from '@sons/contracts';
import { operator, startSystem, type ApiClient, type RunningSystem } from '@sons/testing';
import {
  daysAgo,
  enrolVendor,
  invoiceableConnection,
  issue,
  issueRetrying,
  publishLabel,
  seedTransactions,
  type Provider,
  type Vendor,
} from './connection-steps.js';

const year = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Luxembourg' }).format(new Date()).slice(0, 4);

// Gapless sequential numbering per year (PROCESS.md Phase 3.3, issue 6 acceptance): the number is allocated in the
// invoice's own transaction, so concurrent issuers never share or skip one, and a crash before commit gives it back.
describe('invoice numbering under concurrency', () => {
  let system: RunningSystem;
  let incert: ApiClient;
  let aes: ApiClient;
  let vendor: Vendor;
  const software = { softwareName: 'MediDesk', version: '5.0' };
  let seq = 0;

  beforeAll(async () => {
    // Issuing by command only, so the test decides when 50 issuers race.
    system = await startSystem({
      name: 'billing-numbering',
      services: ['enrolment', 'connection', 'billing'],
      env: { RATE_LIMIT_COMMANDS: '100000', BILLING_AUTO_ISSUE: 'off' },
    });
    [incert, aes] = await Promise.all([operator(system.baseUrl, 'incert'), operator(system.baseUrl, 'aes')]);
    vendor = await enrolVendor(system, 21, { companyName: 'Numérotation SA' });
    await publishLabel(system, vendor, { ...software, labelledAt: daysAgo(30) });
  });
  afterAll(async () => {
    await system?.stop();
  });

  // `count` invoiceable connections of one provider each, prepared ten at a time.
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
    expect(numbers).toEqual(Array.from({ length: count }, (_, i) => `SONS-${year}-${String(i + 1).padStart(6, '0')}`));
    expect(new Set(invoices.map((i) => i.connectionId)).size).toBe(invoices.length);
  };

  it('should number 50 invoices created concurrently 1..50 with no gap and no duplicate, one per connection', async () => {
    const connections = await prepare(50);
    // Each connection asked twice at once (a client retry racing the first call): 100 concurrent issues.
    const burst = await Promise.all([...connections, ...connections].map((id) => issue(aes, id)));
    // Under load the gateway may stop waiting (503, retryable) while billing still commits: never another answer.
    expect(burst.filter((r) => r.status !== 201).map((r) => r.status)).toEqual(
      burst.filter((r) => r.status !== 201).map(() => 503),
    );
    expect(burst.filter((r) => r.status === 201).length).toBeGreaterThan(0);
    const results = await Promise.all([...connections, ...connections].map((id) => issueRetrying(aes, id)));
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(201));
    for (const id of connections) {
      const ids = new Set(
        [...burst, ...results].filter((r) => r.status === 201 && r.body.connectionId === id).map((r) => r.body.invoiceId),
      );
      expect(ids.size).toBe(1);
    }
    expectGapless(await allInvoices(), 50);
  }, 150_000);
});
