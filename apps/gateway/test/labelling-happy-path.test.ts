import { ApiClient, expectEventually, startSystem, withoutKeys, type RunningSystem } from '@sons/testing';
import { signInOperators, upload, type Operators } from './enrolment-steps.js';
import {
  BEFORE_DEADLINE,
  evidence,
  fileForm3,
  form3,
  labellingEvents,
  next,
  pdfText,
  step,
  vendorWithTestAccess,
  type Detail,
  type Registry,
  type VendorSession,
} from './labelling-steps.js';

// PROCESS.md Phase 2 end to end through the gateway on real NATS, the real database and the real documents worker:
// Form 3 (draft, then submitted with evidence) → FIFO queue → INCERT review with a complement → tests passed
// (attestation de réussite des tests, Form 4) → AeS sends the service agreement → the vendor signs → AeS confirms
// (attestation de labélisation) → the label in the public registry. One event per transition on the stream.
describe('labelling Phase 2: the happy path to a published label', () => {
  let system: RunningSystem;
  let ops: Operators;
  let medisoft: VendorSession;

  beforeAll(async () => {
    system = await startSystem({
      name: 'label-happy',
      services: ['enrolment', 'labelling', 'documents'],
      env: { SONS_NOW: BEFORE_DEADLINE },
    });
    ops = await signInOperators(system.baseUrl);
    medisoft = await vendorWithTestAccess(system, ops, 0);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('should refuse Form 3 to a vendor without test access, with the reason', async () => {
    const stranger = await new ApiClient(system.baseUrl, 'en').register('nobody@example.lu');
    const access = await stranger.get<{ form3Available: boolean; reason: { en: string } }>('/api/labelling/access');
    expect(access.body.form3Available).toBe(false);
    const refused = await stranger.post<{ code: string; detail: string }>('/api/labelling/requests', {
      data: form3('Nothing', '1.0', []),
      submit: true,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('TEST_ACCESS_REQUIRED');
    expect(refused.body.detail).toContain('test environment');
  });

  it('should walk one version from Form 3 to a published label with both attestations rendered', async () => {
    const vendor = medisoft.client;
    const incert = ops.incert;
    const aes = ops.aes;
    // A draft with one requirement lacking its proof: saved, not reviewed, shows what is missing.
    const lines = await evidence(vendor, ['RECL-AUTH-01', 'RECL-PID-07'], { withoutProof: ['RECL-PID-07'], label: 'draft' });
    const draft = await fileForm3(vendor, 'MediDoc', '4.2.0', lines, { submit: false });
    expect(draft).toMatchObject({
      status: 'draft',
      iteration: 0,
      vendorName: 'MediSoft Luxembourg S.à r.l.',
      softwareName: 'MediDoc',
      version: '4.2.0',
      kind: 'initial',
    });
    expect(draft.missingEvidence.map((m) => m.requirementId)).toEqual(['RECL-PID-07']);
    expect(draft.allowedActions).toEqual(['update_draft', 'submit']);

    const complete = await evidence(vendor, ['RECL-AUTH-01', 'RECL-PID-07'], { label: 'final' });
    const updated = await vendor.put<Detail>(`/api/labelling/requests/${draft.labelRequestId}`, {
      data: form3('MediDoc', '4.2.0', complete),
      expectedVersion: draft.rowVersion,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.missingEvidence).toEqual([]);

    const submitted = await step(vendor, draft.labelRequestId, 'submit');
    expect(submitted).toMatchObject({ status: 'queued', iteration: 1, queue: { position: 1, queued: 1 } });
    expect(submitted.evidence.map((e) => [e.iteration, e.requirementId, e.files.length])).toEqual([
      [1, 'RECL-AUTH-01', 1],
      [1, 'RECL-PID-07', 1],
    ]);
    // The SHA-256 recorded with the evidence is the stored file's.
    const proof = submitted.evidence[0].files[0];
    const stored = await vendor.get<{ sha256: string }>(`/api/attachments/${proof.attachmentId}`);
    expect(stored.body.sha256).toBe(proof.sha256);

    // A second Form 3 for the same version while the first is open: refused, pointing at it.
    const duplicate = await vendor.post<{ code: string; labelRequestId: string }>('/api/labelling/requests', {
      data: form3('medidoc', '4.2.0', complete),
      submit: true,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'LABELLING_REQUEST_OPEN', labelRequestId: draft.labelRequestId });

    // INCERT takes the head of the queue and asks for a complement on one RECL item.
    const taken = await next(incert);
    expect(taken).toMatchObject({ labelRequestId: draft.labelRequestId, status: 'in_review', contactPoint: { party: 'incert' } });
    const asked = await step(incert, draft.labelRequestId, 'complement-request', {
      message: 'Merci de joindre la trace PID v2 complète.',
      checklist: ['RECL-PID-07'],
    });
    expect(asked.status).toBe('complement_requested');
    const trace = await upload(vendor, 'trace-pid-v2', 'evidence');
    const answered = await step(vendor, draft.labelRequestId, 'complement-answer', {
      message: 'Trace complète jointe.',
      attachmentIds: [trace],
    });
    expect(answered.status).toBe('complement_answered');
    expect(answered.messages.map((m) => m.kind)).toEqual(['complement_request', 'complement_answer']);
    expect(answered.messages[1].files[0].attachmentId).toBe(trace);
    await step(incert, draft.labelRequestId, 'resume');

    // Tests passed: the attestation de réussite des tests is rendered by the documents worker, Form 4 is available,
    // and the contact point becomes AeS.
    const passed = await step(incert, draft.labelRequestId, 'pass');
    expect(passed).toMatchObject({ status: 'tests_passed', form4Available: true, contactPoint: { party: 'aes' } });
    const attestation = passed.documents.find((d) => d.kind === 'test_success_attestation')!;
    expect(attestation.documentId).toBeTruthy();
    expect(attestation.sha256).toMatch(/^[0-9a-f]{64}$/);
    const testText = await pdfText(vendor, attestation.attachmentId);
    for (const expected of ['MediSoft Luxembourg', 'MediDoc', '4.2.0']) expect(testText).toContain(expected);

    // AeS sends the generated service agreement; the vendor downloads it, signs and returns it; AeS confirms.
    const sent = await step(aes, draft.labelRequestId, 'agreement/send', { signBefore: '2026-04-01' });
    expect(sent.status).toBe('agreement_sent');
    const agreement = sent.documents.find((d) => d.kind === 'service_agreement')!;
    const agreementText = await pdfText(vendor, agreement.attachmentId);
    expect(agreementText).toContain('MediDoc');
    expect((await vendor.post(`/api/labelling/requests/${draft.labelRequestId}/agreement/confirm`, {})).status).toBe(403);
    const signedFile = await upload(vendor, 'accord-signe-medidoc', 'agreement');
    const signed = await step(vendor, draft.labelRequestId, 'agreement/sign', { signedAttachmentId: signedFile });
    expect(signed.status).toBe('agreement_signed');
    const labelled = await step(aes, draft.labelRequestId, 'agreement/confirm');
    expect(labelled.status).toBe('labelled');
    expect(labelled.labelId).toBeTruthy();
    const labelAttestation = labelled.documents.find((d) => d.kind === 'label_attestation')!;
    const labelText = await pdfText(vendor, labelAttestation.attachmentId);
    for (const expected of ['MediSoft Luxembourg', 'MediDoc', '4.2.0']) expect(labelText).toContain(expected);
    expect(labelled.documents.map((d) => d.kind)).toEqual([
      'test_success_attestation',
      'service_agreement',
      'signed_agreement',
      'label_attestation',
    ]);

    // The public registry, without a login.
    const registry = await new ApiClient(system.baseUrl).get<Registry>('/api/registry');
    expect(registry.status).toBe(200);
    expect(registry.body.items).toEqual([
      expect.objectContaining({
        vendorName: 'MediSoft Luxembourg S.à r.l.',
        softwareName: 'MediDoc',
        version: '4.2.0',
        status: 'labelled',
        extendedFrom: null,
        attestationReference: labelAttestation.reference,
      }),
    ]);

    // A labelled version cannot be labelled again.
    const again = await vendor.post<{ code: string }>('/api/labelling/requests', {
      data: form3('MediDoc', '4.2.0', complete),
      submit: true,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('VERSION_ALREADY_LABELLED');

    // One event per transition, in order, on the case; the labelled event carries what the connection service needs.
    const events = await expectEventually(async () => {
      const all = await labellingEvents(system, draft.labelRequestId);
      expect(all.at(-1)?.type).toBe('lu.esante.sons.labelling.request.labelled.v1');
      return all;
    });
    expect(events.map((e) => e.type.replace('lu.esante.sons.labelling.request.', '').replace('.v1', ''))).toEqual([
      'created',
      'submitted',
      'queued',
      'review-started',
      'complement-requested',
      'complement-answered',
      'review-started',
      'tests-passed',
      'agreement-sent',
      'agreement-signed',
      'labelled',
    ]);
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    expect(events.every((e) => e.natsMsgId === e.id)).toBe(true);
    expect(events.at(-1)!.data).toMatchObject({
      labelRequestId: draft.labelRequestId,
      vendorId: medisoft.vendorId,
      softwareName: 'MediDoc',
      version: '4.2.0',
      status: 'labelled',
      labelId: labelled.labelId,
    });
    const published = (await labellingEvents(system)).filter((e) => e.type === 'lu.esante.sons.labelling.label.published.v1');
    expect(published.map((e) => e.subject)).toEqual([labelled.labelId]);
  });

  it('should keep every case private to its vendor and refuse operator actions to the vendor', async () => {
    const other = await vendorWithTestAccess(system, ops, 1);
    const mine = await fileForm3(other.client, 'PraxisDoc', '1.0', await evidence(other.client, ['R1']), { submit: false });
    expect((await medisoft.client.get(`/api/labelling/requests/${mine.labelRequestId}`)).status).toBe(404);
    const list = await medisoft.client.get<{ items: { labelRequestId: string }[] }>('/api/labelling/requests');
    expect(list.body.items.map((i) => i.labelRequestId)).not.toContain(mine.labelRequestId);
    expect((await other.client.post('/api/labelling/queue/next')).status).toBe(403);
    expect((await ops.readonly.post('/api/labelling/queue/next')).status).toBe(403);
    expect((await ops.readonly.get(`/api/labelling/requests/${mine.labelRequestId}`)).status).toBe(200);
  });

  it('should validate a Form 3 pinned to the published form version, with Form.io file values', async () => {
    const vendor = medisoft.client;
    const published = await vendor.get<{ version: number }>('/api/forms/form3/published');
    expect(published.status).toBe(200);
    const proof = await vendor.upload(new TextEncoder().encode('%PDF-1.4\n% auth proof\n%%EOF\n'), 'auth-test.pdf', 'evidence');
    const file = {
      name: 'auth-test.pdf',
      size: proof.body.size,
      type: 'application/pdf',
      storage: 'sons',
      url: `/api/attachments/${proof.body.id}`,
      attachmentId: proof.body.id,
      sha256: proof.body.sha256,
    };
    const data = {
      vendorName: medisoft.name,
      softwareName: 'MediDoc Web',
      softwareVersion: '1.0',
      integrationMode: 'econnector_ng',
      reclVersion: '1.0',
      evidence: [
        { requirementId: 'RECL-AUTH-01', result: 'pass', proofFiles: [file] },
        { requirementId: 'RECL-PID-07', result: 'not_applicable', justification: 'Le logiciel ne gère pas les dentistes.' },
      ],
      declaration: true,
    };
    const missing = await vendor.post<{ code: string; errors: { path: string }[] }>('/api/labelling/requests', {
      formVersion: published.body.version,
      data: { ...data, softwareVersion: '' },
      submit: true,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e) => e.path)).toContain('softwareVersion');
    const created = await vendor.post<Detail>('/api/labelling/requests', {
      formVersion: published.body.version,
      data,
      submit: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'queued', softwareName: 'MediDoc Web' });
    expect(created.body.evidence.map((e) => [e.requirementId, e.result, e.files.map((f) => f.sha256)])).toEqual([
      ['RECL-AUTH-01', 'pass', [proof.body.sha256]],
      ['RECL-PID-07', 'not_applicable', []],
    ]);
  });

  it('should create one labelling request when Form 3 is sent several times at once with one Idempotency-Key', async () => {
    const lines = await evidence(medisoft.client, ['R1']);
    const send = () =>
      medisoft.client.post<Detail>(
        '/api/labelling/requests',
        { data: form3('MediDoc Mobile', '2.0', lines), submit: true },
        { 'Idempotency-Key': 'form3-medidoc-mobile-2.0' },
      );
    // A double click and the browser's retry at the same moment, then a retry after: one request, one answer.
    const answers = [...(await Promise.all([send(), send(), send()])), await send()];
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.labelRequestId)).size).toBe(1);
    const mine = await medisoft.client.get<{ items: Detail[] }>('/api/labelling/requests?limit=100');
    expect(mine.body.items.filter((r) => r.softwareName === 'MediDoc Mobile')).toHaveLength(1);
  });

  it('should refuse Form 3 after the calendar’s end of labelling requests, with the date', async () => {
    const current = (await ops.aes.get<Record<string, unknown> & { calendar: Record<string, string | null> }>('/api/programme'))
      .body;
    const settings = withoutKeys(current, 'now', 'milestoneLabels', 'revision');
    const closed = { ...settings, calendar: { ...current.calendar, labellingRequestsEnd: '2026-03-01T00:00:00+01:00' } };
    expect((await ops.aes.put('/api/programme', closed)).status).toBe(200);
    try {
      await expectEventually(async () => {
        const refused = await medisoft.client.post<{ code: string; detail: string }>('/api/labelling/requests', {
          data: form3('MediDoc', '5.0', []),
          submit: false,
        });
        expect(refused.status).toBe(422);
        expect(refused.body.code).toBe('CALENDAR_CLOSED');
        expect(refused.body.detail).toContain('2026-03-01');
      });
    } finally {
      expect((await ops.aes.put('/api/programme', { ...settings, calendar: current.calendar })).status).toBe(200);
    }
  });
});
