import type { InvoiceSummary } from '@sons/contracts';
import { expectEventually, operator, startSystem, type ApiClient, type RunningSystem } from '@sons/testing';
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

// Gapless numbering across a crash (issue 6, bad input and faults): billing is killed (SIGKILL) while a burst of
// invoices is being numbered; what had not committed rolls back with its number, so after a restart and the clients'
// retries the sequence has no hole and no duplicate.
describe('invoice numbering across a crash of billing', () => {
  let system: RunningSystem;
  let incert: ApiClient;
  let aes: ApiClient;
  let vendor: Vendor;
  const software = { softwareName: 'MediDesk', version: '5.0' };
  let seq = 0;

  beforeAll(async () => {
    // Issuing by command only, so the test decides when 50 issuers race.
    system = await startSystem({
      name: 'billing-numbering-crash',
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

  it('should leave no gap and no duplicate when billing is killed in the middle of a burst and restarted', async () => {
    const connections = await prepare(30);
    // A first invoice, so the crash happens in the middle of the year's sequence.
    const [first] = await prepare(1);
    expect((await issueRetrying(aes, first)).status).toBe(201);
    const before = (await allInvoices()).length;
    const burst = Promise.all(connections.map((id) => issue(aes, id)));
    // Kill as soon as the burst has committed at least one invoice, while the others are in flight.
    await expectEventually(async () => expect((await allInvoices()).length).toBeGreaterThan(before), {
      timeoutMs: 20_000,
      intervalMs: 5,
    });
    await system.kill('billing', 'SIGKILL');
    const interrupted = await burst;
    // The kill landed mid-burst: some issues never got an answer.
    expect(interrupted.filter((r) => r.status !== 201).length).toBeGreaterThan(0);
    expect(interrupted.filter((r) => r.status !== 201).every((r) => r.status === 503)).toBe(true);

    await system.start('billing');
    await expectEventually(async () => expect((await aes.get('/api/invoices?limit=1')).status).toBe(200), { timeoutMs: 30_000 });
    // Clients retry every request: each connection ends with exactly one invoice, numbered without a hole.
    const retried = await Promise.all(connections.map((id) => issueRetrying(aes, id)));
    expect(retried.map((r) => r.status)).toEqual(Array(30).fill(201));
    expectGapless(await allInvoices(), 31);

    // The next invoice continues the sequence.
    const [next] = await prepare(1);
    expect((await issueRetrying(aes, next)).body.number).toBe(`SONS-${year}-000032`);
  }, 150_000);
});
