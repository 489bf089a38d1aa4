import { expectEventually, operator, startSystem, type RunningSystem } from '@sons/testing';
import { signInOperators, type Operators } from './enrolment-steps.js';
import {
  BEFORE_DEADLINE,
  evidence,
  fileForm3,
  labellingEvents,
  next,
  step,
  vendorWithTestAccess,
  type Detail,
  type VendorSession,
} from './labelling-steps.js';

type Queue = {
  items: { position: number; labelRequestId: string; vendorName: string; reference: string }[];
  queued: number;
  nextCursor: string | null;
};

// PROCESS.md Phase 2.2: requests are reviewed in the order in which their evidence became complete; an incomplete
// request waits behind every complete one; each request shows its queue position; out-of-order picks are recorded
// operator decisions; two operators taking « next » at once get two different requests.
describe('labelling FIFO review queue', () => {
  let system: RunningSystem;
  let ops: Operators;
  let a: VendorSession;
  let b: VendorSession;
  let c: VendorSession;

  beforeAll(async () => {
    system = await startSystem({ name: 'label-queue', services: ['enrolment', 'labelling'], env: { SONS_NOW: BEFORE_DEADLINE } });
    ops = await signInOperators(system.baseUrl);
    a = await vendorWithTestAccess(system, ops, 0);
    b = await vendorWithTestAccess(system, ops, 1);
    c = await vendorWithTestAccess(system, ops, 2);
  });
  afterAll(async () => {
    await system?.stop();
  });

  const view = async (session: VendorSession, id: string) =>
    (await session.client.get<Detail>(`/api/labelling/requests/${id}`)).body;

  it('should queue requests in the order their evidence became complete, incomplete ones behind every complete one', async () => {
    // A submits first, but without a proof for one requirement: it waits, out of the queue.
    const first = await fileForm3(a.client, 'MediDoc', '4.2.0', await evidence(a.client, ['R1', 'R2'], { withoutProof: ['R2'] }));
    expect(first).toMatchObject({ status: 'evidence_incomplete', queue: { position: null, queued: 0 } });
    expect(first.missingEvidence.map((m) => m.requirementId)).toEqual(['R2']);
    expect(first.allowedActions).toEqual(['add_evidence']);
    const second = await fileForm3(b.client, 'PraxisDoc', '2.0', await evidence(b.client, ['R1', 'R2']));
    expect(second).toMatchObject({ status: 'queued', queue: { position: 1, queued: 1 } });
    const third = await fileForm3(c.client, 'ZetaMed', '7.1', await evidence(c.client, ['R1', 'R2']));
    expect(third).toMatchObject({ status: 'queued', queue: { position: 2, queued: 2 } });

    // A completes its evidence now: it goes behind the two requests that were complete before.
    const completed = await step(a.client, first.labelRequestId, 'evidence', { evidence: await evidence(a.client, ['R2']) });
    expect(completed).toMatchObject({ status: 'queued', queue: { position: 3, queued: 3 }, missingEvidence: [] });
    expect(completed.evidence.map((e) => [e.requirementId, e.files.length])).toEqual([
      ['R1', 1],
      ['R2', 0],
      ['R2', 1],
    ]);

    // Each vendor sees its own position, and only its own requests in the queue.
    expect((await view(a, first.labelRequestId)).queue?.position).toBe(3);
    expect((await view(b, second.labelRequestId)).queue?.position).toBe(1);
    expect((await view(c, third.labelRequestId)).queue?.position).toBe(2);
    const seenByB = await b.client.get<Queue>('/api/labelling/queue');
    expect(seenByB.body.queued).toBe(3);
    expect(seenByB.body.items.map((i) => [i.position, i.labelRequestId])).toEqual([[1, second.labelRequestId]]);
    const raw = await b.client.raw('GET', '/api/labelling/queue');
    expect(raw.text).not.toContain(a.name);
    expect(raw.text).not.toContain(c.name);
    expect(raw.text).not.toContain(first.labelRequestId);
    expect((await b.client.get(`/api/labelling/requests/${first.labelRequestId}`)).status).toBe(404);

    const operatorsView = await ops.readonly.get<Queue>('/api/labelling/queue');
    expect(operatorsView.body.items.map((i) => [i.position, i.labelRequestId])).toEqual([
      [1, second.labelRequestId],
      [2, third.labelRequestId],
      [3, first.labelRequestId],
    ]);
    // Keyset pages keep the positions.
    const page1 = await ops.readonly.get<Queue>('/api/labelling/queue?limit=2');
    const page2 = await ops.readonly.get<Queue>(`/api/labelling/queue?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((i) => [i.position, i.labelRequestId])).toEqual([[3, first.labelRequestId]]);

    // An out-of-order pick needs a reason, which is recorded with the request that was at the head.
    const noReason = await ops.incert.post<{ code: string; position: number; headRequestId: string }>(
      `/api/labelling/requests/${first.labelRequestId}/take`,
      {},
    );
    expect(noReason.status).toBe(422);
    expect(noReason.body).toMatchObject({
      code: 'OUT_OF_ORDER_REASON_REQUIRED',
      position: 3,
      headRequestId: second.labelRequestId,
      errors: [expect.objectContaining({ path: 'reason', rule: 'required_out_of_order' })],
    });
    const taken = await step(ops.incert, first.labelRequestId, 'take', {
      reason: 'Correctif de sécurité urgent signalé par la CNS.',
    });
    expect(taken.status).toBe('in_review');
    const decisions = await ops.readonly.get<{
      items: { labelRequestId: string; headRequestId: string; position: number; reason: string }[];
    }>('/api/labelling/queue/decisions');
    expect(decisions.body.items).toEqual([
      expect.objectContaining({
        labelRequestId: first.labelRequestId,
        headRequestId: second.labelRequestId,
        position: 3,
        reason: 'Correctif de sécurité urgent signalé par la CNS.',
      }),
    ]);
    expect((await a.client.get('/api/labelling/queue/decisions')).status).toBe(403);

    // « Next » follows the queue.
    expect((await next(ops.incert)).labelRequestId).toBe(second.labelRequestId);
    expect((await next(ops.incert)).labelRequestId).toBe(third.labelRequestId);
    const empty = await ops.incert.post<{ code: string }>('/api/labelling/queue/next');
    expect(empty.status).toBe(404);
    expect(empty.body.code).toBe('QUEUE_EMPTY');

    const events = await expectEventually(async () => {
      const all = await labellingEvents(system, first.labelRequestId);
      expect(all).toHaveLength(5);
      return all;
    });
    expect(events.map((e) => e.type.split('.').at(-2))).toEqual([
      'created',
      'submitted',
      'completion-requested',
      'queued',
      'review-started',
    ]);
    expect(events[2].data).toMatchObject({ status: 'evidence_incomplete', missingRequirementIds: ['R2'] });
    expect(events[4].data).toMatchObject({ status: 'in_review', outOfOrder: true });
  });

  it('should send a request INCERT finds incomplete out of the queue and back behind the others once completed', async () => {
    const d = await fileForm3(b.client, 'PraxisLab', '1.0', await evidence(b.client, ['R1']));
    const e = await fileForm3(c.client, 'ZetaLab', '1.0', await evidence(c.client, ['R1']));
    expect([d.queue?.position, e.queue?.position]).toEqual([1, 2]);
    const flagged = await step(ops.incert, d.labelRequestId, 'flag-incomplete', {
      message: 'La preuve R1 ne montre pas la réponse PID v2.',
      checklist: ['R1'],
    });
    expect(flagged).toMatchObject({ status: 'evidence_incomplete', queue: { position: null, queued: 1 } });
    expect(flagged.messages.map((m) => [m.kind, m.checklist])).toEqual([['incomplete_notice', ['R1']]]);
    expect((await view(c, e.labelRequestId)).queue?.position).toBe(1);
    const back = await step(b.client, d.labelRequestId, 'evidence', { evidence: await evidence(b.client, ['R1']) });
    expect(back).toMatchObject({ status: 'queued', queue: { position: 2, queued: 2 } });
    expect((await next(ops.incert)).labelRequestId).toBe(e.labelRequestId);
    expect((await next(ops.incert)).labelRequestId).toBe(d.labelRequestId);
  });

  it('should give two operators taking « next » at the same moment two different requests', async () => {
    const queued: string[] = [];
    for (const [i, session] of [a, b, c, a, b, c].entries()) {
      queued.push(
        (await fileForm3(session.client, `Concurrent ${i}`, '1.0', await evidence(session.client, ['R1']))).labelRequestId,
      );
    }
    const first = await operator(system.baseUrl, 'incert');
    const second = await operator(system.baseUrl, 'incert');
    const taken: string[] = [];
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all([
        first.post<Detail>('/api/labelling/queue/next'),
        second.post<Detail>('/api/labelling/queue/next'),
      ]);
      expect(answers.map((r) => r.status)).toEqual([200, 200]);
      expect(answers[0].body.labelRequestId).not.toBe(answers[1].body.labelRequestId);
      taken.push(...answers.map((r) => r.body.labelRequestId));
    }
    expect([...taken].sort()).toEqual([...queued].sort());
    // Each was taken exactly once: one review-started event per request.
    await expectEventually(async () => {
      const started = (await labellingEvents(system)).filter(
        (ev) => queued.includes(ev.subject) && ev.type.endsWith('.review-started.v1'),
      );
      expect(started.map((ev) => ev.subject).sort()).toEqual([...queued].sort());
    });
  });
});
