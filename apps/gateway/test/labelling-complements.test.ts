import { expectEventually, startSystem, type RunningSystem } from '@sons/testing';
import { signInOperators, upload, type Operators } from './enrolment-steps.js';
import {
  AFTER_DEADLINE,
  BEFORE_DEADLINE,
  evidence,
  fileForm3,
  form3,
  labellingEvents,
  next,
  step,
  vendorWithTestAccess,
  type Detail,
  type VendorSession,
} from './labelling-steps.js';

// PROCESS.md Phase 2.3–2.4: INCERT may ask for complements, which must be answered before 2026-07-01 (after that
// date no new complement request, no late answer, no new iteration — refused with the date); on failure INCERT sends
// the results and the vendor may submit new evidence (a new iteration, every iteration kept).
describe('labelling complements, the complement deadline and iterations', () => {
  let system: RunningSystem;
  let ops: Operators;
  let vendor: VendorSession;

  beforeAll(async () => {
    system = await startSystem({
      name: 'label-complements',
      services: ['enrolment', 'labelling', 'documents'],
      env: { SONS_NOW: BEFORE_DEADLINE },
    });
    ops = await signInOperators(system.baseUrl);
    vendor = await vendorWithTestAccess(system, ops, 0);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('should accept a complement answer before the deadline, then let a failed iteration be followed by a passed one', async () => {
    const filed = await fileForm3(
      vendor.client,
      'MediDoc',
      '4.2.0',
      await evidence(vendor.client, ['R1', 'R2'], { label: 'it1' }),
    );
    await next(ops.incert);
    await step(ops.incert, filed.labelRequestId, 'complement-request', {
      message: 'Joignez le journal d’authentification.',
      checklist: ['R1'],
    });
    const log = await upload(vendor.client, 'journal-auth', 'evidence');
    const answered = await step(vendor.client, filed.labelRequestId, 'complement-answer', {
      message: 'Journal joint.',
      attachmentIds: [log],
    });
    expect(answered.status).toBe('complement_answered');
    await step(ops.incert, filed.labelRequestId, 'resume');

    // Failure: INCERT sends the results (with its report); the vendor may start a new iteration.
    const report = await upload(ops.incert, 'rapport-tests-it1', 'test-results');
    const failed = await step(ops.incert, filed.labelRequestId, 'fail', {
      results: 'R2 : la transaction PID v2 est refusée (signature absente).',
      attachmentIds: [report],
      checklist: ['R2'],
    });
    expect(failed).toMatchObject({ status: 'tests_failed', iteration: 1, contactPoint: { party: 'incert' } });
    expect((await vendor.client.get<Detail>(`/api/labelling/requests/${filed.labelRequestId}`)).body.allowedActions).toEqual([
      'submit',
    ]);
    const reportFile = await vendor.client.download(`/api/labelling/requests/${filed.labelRequestId}/files/${report}`);
    expect(reportFile.status).toBe(200);
    expect(reportFile.headers.get('x-content-sha256')).toBe(failed.messages.at(-1)!.files[0].sha256);

    const noEvidence = await vendor.client.post<{ code: string }>(`/api/labelling/requests/${filed.labelRequestId}/submit`, {});
    expect(noEvidence.status).toBe(400);
    const resubmitted = await step(vendor.client, filed.labelRequestId, 'submit', {
      data: form3('MediDoc', '4.2.0', await evidence(vendor.client, ['R1', 'R2'], { label: 'it2' })),
    });
    expect(resubmitted).toMatchObject({ status: 'queued', iteration: 2, queue: { position: 1 } });
    // Every iteration is kept.
    expect(resubmitted.evidence.map((e) => [e.iteration, e.requirementId])).toEqual([
      [1, 'R1'],
      [1, 'R2'],
      [2, 'R1'],
      [2, 'R2'],
    ]);
    expect(resubmitted.messages.map((m) => m.kind)).toEqual(['complement_request', 'complement_answer', 'test_results']);

    expect((await next(ops.incert)).labelRequestId).toBe(filed.labelRequestId);
    const passed = await step(ops.incert, filed.labelRequestId, 'pass');
    expect(passed).toMatchObject({ status: 'tests_passed', iteration: 2, form4Available: true });
    expect(passed.documents.map((d) => [d.kind, d.iteration])).toEqual([['test_success_attestation', 2]]);

    await expectEventually(async () => {
      const events = (await labellingEvents(system, filed.labelRequestId)).map((e) => e.type.split('.').at(-2));
      expect(events).toEqual([
        'created',
        'submitted',
        'queued',
        'review-started',
        'complement-requested',
        'complement-answered',
        'review-started',
        'tests-failed',
        'submitted',
        'queued',
        'review-started',
        'tests-passed',
      ]);
    });
  });

  it('should leave the case unchanged when the documents worker is down, and pass once it is back', async () => {
    const filed = await fileForm3(vendor.client, 'MediDoc Labo', '1.0', await evidence(vendor.client, ['R1']));
    expect((await next(ops.incert)).labelRequestId).toBe(filed.labelRequestId);
    await system.kill('documents');
    const refused = await ops.incert.post<{ code: string; retryable: boolean }>(
      `/api/labelling/requests/${filed.labelRequestId}/pass`,
      {},
    );
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'DOCUMENT_SERVICE_UNAVAILABLE', retryable: true });
    const unchanged = (await vendor.client.get<Detail>(`/api/labelling/requests/${filed.labelRequestId}`)).body;
    expect(unchanged).toMatchObject({ status: 'in_review', documents: [], form4Available: false });

    await system.start('documents');
    await expectEventually(
      async () => {
        const health = (await (await fetch(`${system.baseUrl}/api/health`)).json()) as {
          services: Record<string, { status: string }>;
        };
        expect(health.services.documents?.status).toBe('up');
      },
      { timeoutMs: 60_000 },
    );
    const passed = await step(ops.incert, filed.labelRequestId, 'pass');
    expect(passed.status).toBe('tests_passed');
    expect(passed.documents.map((d) => d.kind)).toEqual(['test_success_attestation']);
  });

  it('should refuse a late complement answer, a new complement request and a new iteration after the deadline, with the date', async () => {
    const waiting = await fileForm3(vendor.client, 'MediDoc Cabinet', '1.0', await evidence(vendor.client, ['R1']));
    const reviewing = await fileForm3(vendor.client, 'MediDoc Dentiste', '1.0', await evidence(vendor.client, ['R1']));
    const failing = await fileForm3(vendor.client, 'MediDoc Mobile', '1.0', await evidence(vendor.client, ['R1']));
    expect((await next(ops.incert)).labelRequestId).toBe(waiting.labelRequestId);
    await step(ops.incert, waiting.labelRequestId, 'complement-request', {
      message: 'Merci de préciser la version de l’eConnector NG.',
    });
    expect((await next(ops.incert)).labelRequestId).toBe(reviewing.labelRequestId);
    expect((await next(ops.incert)).labelRequestId).toBe(failing.labelRequestId);
    await step(ops.incert, failing.labelRequestId, 'fail', { results: 'R1 : échec de l’authentification eSanté.' });

    // The labelling service's clock moves past the complement deadline (2026-07-01).
    await system.restart('labelling', { SONS_NOW: AFTER_DEADLINE });

    const late = await vendor.client.post<{ code: string; detail: string; closedAt: string }>(
      `/api/labelling/requests/${waiting.labelRequestId}/complement-answer`,
      { message: 'Version 2.3.1.' },
    );
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'CALENDAR_CLOSED', closedAt: '2026-07-01' });
    expect(late.body.detail).toContain('2026-07-01');
    expect((await vendor.client.get<Detail>(`/api/labelling/requests/${waiting.labelRequestId}`)).body.status).toBe(
      'complement_requested',
    );

    const newRequest = await ops.incert.post<{ code: string; detail: string }>(
      `/api/labelling/requests/${reviewing.labelRequestId}/complement-request`,
      { message: 'Encore une précision.' },
    );
    expect(newRequest.status).toBe(422);
    expect(newRequest.body.code).toBe('CALENDAR_CLOSED');
    expect(newRequest.body.detail).toContain('2026-07-01');

    const iteration = await vendor.client.post<{ code: string; detail: string }>(
      `/api/labelling/requests/${failing.labelRequestId}/submit`,
      {
        data: form3('MediDoc Mobile', '1.0', await evidence(vendor.client, ['R1'])),
      },
    );
    expect(iteration.status).toBe(422);
    expect(iteration.body.code).toBe('CALENDAR_CLOSED');

    // INCERT can still close the unanswered request with its results.
    const closed = await step(ops.incert, waiting.labelRequestId, 'fail', {
      results: 'Compléments non fournis avant le 2026-07-01.',
    });
    expect(closed.status).toBe('tests_failed');
  });
});
