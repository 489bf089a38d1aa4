import { expectEventually, type ApiClient, type RunningSystem } from '@sons/testing';
import { issue, issueRetrying } from './connection-steps.js';
import { numberingBench, numberingYear as year, type NumberingBench } from './billing-numbering-steps.js';

// Gapless numbering across a crash (issue 6, bad input and faults): billing is killed (SIGKILL) while a burst of
// invoices is being numbered; what had not committed rolls back with its number, so after a restart and the clients'
// retries the sequence has no hole and no duplicate.
describe('invoice numbering across a crash of billing', () => {
  let bench: NumberingBench;
  let aes: ApiClient;
  let prepare: NumberingBench['prepare'];
  let allInvoices: NumberingBench['allInvoices'];
  let expectGapless: NumberingBench['expectGapless'];
  let system: RunningSystem;

  beforeAll(async () => {
    bench = await numberingBench('billing-numbering-crash');
    ({ aes, prepare, allInvoices, expectGapless } = bench);
    system = bench.system;
  });
  afterAll(async () => {
    await bench?.system.stop();
  });

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
