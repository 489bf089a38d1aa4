import type { ApiClient } from '@sons/testing';
import { issue, issueRetrying } from './connection-steps.js';
import { numberingBench, type NumberingBench } from './billing-numbering-steps.js';

// Gapless sequential numbering per year (PROCESS.md Phase 3.3, issue 6 acceptance): the number is allocated in the
// invoice's own transaction, so concurrent issuers never share or skip one, and a crash before commit gives it back.
describe('invoice numbering under concurrency', () => {
  let bench: NumberingBench;
  let aes: ApiClient;
  let prepare: NumberingBench['prepare'];
  let allInvoices: NumberingBench['allInvoices'];
  let expectGapless: NumberingBench['expectGapless'];

  beforeAll(async () => {
    bench = await numberingBench('billing-numbering');
    ({ aes, prepare, allInvoices, expectGapless } = bench);
  });
  afterAll(async () => {
    await bench?.system.stop();
  });

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
