import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import pg from 'pg';
import { expectEventually, startSystem, type RunningSystem } from '@sons/testing';
import { legalForm1, naturalForm1, pdfBytes, testEnvironment } from './fixtures.js';
import {
  act,
  caseEvents,
  enrol,
  grant,
  publishDocumentation,
  signInOperators,
  submitForm2,
  upload,
  type Case,
  type Operators,
} from './enrolment-steps.js';

type Detail = Case & {
  contactPoint: { party: string };
  nda: { countersigned: boolean; countersignMode: string | null; countersignedAttachmentId: string | null };
  messages: { kind: string; body: string; authorRole: string }[];
  allowedActions: string[];
  assignee: { userId: string } | null;
  vendor: { providerCode: string | null; name: string };
  form2: { data: Record<string, unknown> } | null;
  testAccess: { grantedAt: string } | null;
};

// PROCESS.md Phase 1, end to end through the gateway on real NATS and the real database: Form 1 + signed NDA →
// INCERT review (with an information request) → validation → AeS countersigns → documentation shared → Form 2 →
// test environment recorded (encrypted at rest) → test access granted; one event per transition on the stream.
describe('enrolment Phase 1: the happy path for a legal and a natural person', () => {
  let system: RunningSystem;
  let ops: Operators;

  beforeAll(async () => {
    system = await startSystem({ name: 'enrol-phase1', services: ['enrolment'] });
    ops = await signInOperators(system.baseUrl);
    await publishDocumentation(ops, '2025.1');
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
  });

  it('should walk a legal person from Form 1 to test access granted, emitting exactly one event per transition', async () => {
    const { vendor, enrolmentId, vendorId, ndaId } = await enrol(
      system,
      'admin@medisoft.lu',
      legalForm1({ ndaSignatoryCompany: 'Medisoft Luxembourg SARL' }),
    );

    const submitted = (await ops.readonly.get<Detail>(`/api/enrolments/${enrolmentId}`)).body;
    expect(submitted.status).toBe('submitted');
    expect(submitted.contactPoint.party).toBe('aes');
    expect(submitted.eligibility.map((c) => [c.rule, c.outcome])).toEqual([
      ['completeness', 'pass'],
      ['matricule', 'pass'],
      ['iban', 'pass'],
      ['vat', 'pass'],
      ['rcs', 'pass'],
      ['establishment', 'pass'],
      ['vague1ProviderCode', 'pass'],
      ['nameConsistency', 'pass'],
      ['integrationMode', 'pass'],
    ]);
    expect((await vendor.get<Detail>(`/api/enrolments/${enrolmentId}`)).body.allowedActions).toEqual(['request_change']);
    expect((await ops.incert.get<Detail>(`/api/enrolments/${enrolmentId}`)).body.allowedActions).toEqual(['assign', 'reject']);

    const assigned = (await act(ops.incert, enrolmentId, 'assign')) as Detail;
    expect(assigned.status).toBe('under_review');
    expect(assigned.assignee?.userId).toBeTruthy();

    const asked = (await act(ops.incert, enrolmentId, 'request-information', {
      message: 'Merci de confirmer l’adresse du siège social.',
    })) as Detail;
    expect(asked.status).toBe('information_requested');
    const seen = (await vendor.get<Detail>(`/api/enrolments/${enrolmentId}`)).body;
    expect(seen.messages.map((m) => [m.kind, m.authorRole])).toEqual([['information_request', 'incert']]);
    expect(seen.allowedActions).toContain('answer_information');

    const answered = (await act(vendor, enrolmentId, 'answer', {
      message: 'Siège : 12, rue de la Gare, L-1611 Luxembourg.',
    })) as Detail;
    expect(answered.status).toBe('under_review');

    const validated = await act(ops.incert, enrolmentId, 'validate', { note: 'Dossier complet.' });
    expect(validated.status).toBe('validated_incert');

    // AeS countersigns by uploading the countersigned NDA; the vendor downloads it.
    const countersignedId = await upload(ops.aes, 'nda-countersigned-medisoft', 'nda');
    const countersigned = (await act(ops.aes, enrolmentId, 'nda/countersign', {
      countersignedAttachmentId: countersignedId,
    })) as Detail;
    expect(countersigned.status).toBe('nda_countersigned');
    expect(countersigned.nda).toMatchObject({
      countersigned: true,
      countersignMode: 'uploaded',
      countersignedAttachmentId: countersignedId,
    });
    const file = await vendor.download(`/api/enrolments/${enrolmentId}/nda/countersigned`);
    expect(file.status).toBe(200);
    expect(file.data).toEqual(pdfBytes('nda-countersigned-medisoft'));
    expect((await vendor.download(`/api/enrolments/${enrolmentId}/nda/signed`)).data).toEqual(pdfBytes('nda-admin@medisoft.lu'));
    expect(ndaId).toBeTruthy();

    const shared = (await act(ops.aes, enrolmentId, 'share-documentation')) as Detail;
    expect(shared.status).toBe('documentation_shared');
    expect(shared.contactPoint.party).toBe('incert');

    const form2 = await submitForm2(vendor, enrolmentId);
    expect(form2.status).toBe(200);
    expect(form2.body.status).toBe('test_access_requested');
    expect(form2.body.eligibility.filter((c) => c.outcome !== 'pass')).toEqual([]);

    const granted = (await grant(ops, enrolmentId)) as Detail;
    expect(granted.status).toBe('test_access_granted');
    expect(granted.contactPoint.party).toBe('incert');
    expect(granted.vendor.providerCode).toBe('12345678');
    expect(granted.testAccess?.grantedAt).toBeTruthy();
    expect(JSON.stringify(granted)).not.toContain('Test-Env-Secret-4711');

    const details = await vendor.get<{ environment: { credentials: { password: string } }; providerCode: string }>(
      `/api/enrolments/${enrolmentId}/test-access`,
    );
    expect(details.status).toBe(200);
    expect(details.body.environment).toEqual(testEnvironment());
    expect(details.body.providerCode).toBe('12345678');

    // Encrypted at rest: the database row holds no access detail in clear.
    const stored = await storedSecret(system, enrolmentId);
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain('Test-Env-Secret-4711');
    expect(stored).not.toContain('medisoft-test');

    const events = await expectEventually(async () => {
      const found = await caseEvents(system, enrolmentId);
      expect(found).toHaveLength(9);
      return found;
    });
    expect(events.map((e) => e.type.replace('lu.esante.sons.', ''))).toEqual([
      'enrolment.application.submitted.v1',
      'enrolment.application.review-started.v1',
      'enrolment.application.information-requested.v1',
      'enrolment.application.review-started.v1',
      'enrolment.application.incert-validated.v1',
      'enrolment.application.nda-countersigned.v1',
      'enrolment.application.documentation-shared.v1',
      'enrolment.application.test-access-requested.v1',
      'enrolment.application.test-access-granted.v1',
    ]);
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(events.at(-1)?.data).toEqual({
      enrolmentId,
      vendorId,
      status: 'test_access_granted',
      previousStatus: 'test_access_requested',
    });
    // Thin events: no NDA, no access detail, no identity data on the bus.
    const onTheBus = JSON.stringify(events);
    for (const secret of ['Test-Env-Secret-4711', countersignedId, 'LU280019400644750000', 'contact@medisoft.lu'])
      expect(onTheBus).not.toContain(secret);
  });

  it('should walk a natural person with a paper countersignature and a provider code request', async () => {
    const { vendor, enrolmentId } = await enrol(
      system,
      'marc@schmit.example',
      naturalForm1({ ndaSignatoryCompany: 'Schmit Marc' }),
      { locale: 'en' },
    );
    const detail = (await ops.incert.get<Detail>(`/api/enrolments/${enrolmentId}`)).body;
    expect(detail.vendor.name).toBe('Marc Schmit');
    expect(detail.eligibility.filter((c) => c.outcome !== 'pass')).toEqual([]);

    await act(ops.incert, enrolmentId, 'assign');
    await act(ops.incert, enrolmentId, 'validate');
    const marked = (await act(ops.aes, enrolmentId, 'nda/countersign')) as Detail;
    expect(marked.nda).toMatchObject({ countersigned: true, countersignMode: 'marked', countersignedAttachmentId: null });
    const paper = await vendor.get<{ code: string; detail: string }>(`/api/enrolments/${enrolmentId}/nda/countersigned`);
    expect(paper.status).toBe(404);
    expect(paper.body.detail).toContain('on paper');

    await act(ops.incert, enrolmentId, 'share-documentation');
    const form2 = await submitForm2(vendor, enrolmentId, { vendorName: 'Marc Schmit', mySecuMatricule: '1985061512345' });
    expect(form2.status).toBe(200);

    // The vendor requested a provider code: INCERT must give the one assigned.
    const missing = await ops.incert.post<{ code: string; errors: { path: string }[] }>(
      `/api/enrolments/${enrolmentId}/test-access`,
      { environment: testEnvironment() },
    );
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]?.path).toBe('providerCode');
    const granted = (await grant(ops, enrolmentId, { providerCode: '87654321' })) as Detail;
    expect(granted.status).toBe('test_access_granted');
    expect(granted.vendor.providerCode).toBe('87654321');
    expect(granted.form2?.data.mySecuMatricule).toBe('1985061512345');

    const events = await expectEventually(async () => {
      const found = await caseEvents(system, enrolmentId);
      expect(found).toHaveLength(7);
      return found;
    });
    expect(new Set(events.map((e) => e.id)).size).toBe(7);
    expect(events.map((e) => e.data.status)).toEqual([
      'submitted',
      'under_review',
      'validated_incert',
      'nda_countersigned',
      'documentation_shared',
      'test_access_requested',
      'test_access_granted',
    ]);
  });

  it('should let each role do only its own step and the read-only role change nothing', async () => {
    const { vendor, enrolmentId } = await enrol(
      system,
      'roles@doc.example',
      legalForm1({
        companyName: 'Doc Roles SA',
        matricule: '20191234567',
        vatNumber: 'LU15027442',
        ndaSignatoryCompany: 'Doc Roles SA',
      }),
    );
    const refused = async (client: typeof vendor, action: string, status: number, body: Record<string, unknown> = {}) => {
      const response = await client.post<{ code: string }>(`/api/enrolments/${enrolmentId}/${action}`, body);
      expect([action, response.status]).toEqual([action, status]);
      return response.body.code;
    };
    await refused(ops.readonly, 'assign', 403);
    await refused(ops.aes, 'assign', 403);
    await refused(vendor, 'assign', 403);
    await refused(ops.incert, 'validate', 409);
    await act(ops.incert, enrolmentId, 'assign');
    await refused(ops.aes, 'validate', 403);
    await refused(ops.incert, 'nda/countersign', 403);
    await refused(ops.aes, 'nda/countersign', 409);
    await refused(ops.incert, 'answer', 403, { message: 'x' });
    await refused(ops.readonly, 'reject', 403, { reason: 'Pas éligible.' });
    expect(await refused(ops.incert, 'reject', 400, { reason: '' })).toBe('VALIDATION_FAILED');

    const rejected = (await act(ops.aes, enrolmentId, 'reject', {
      reason: 'Le logiciel ne concerne pas les médecins.',
    })) as Detail & { rejection: { reason: string } };
    expect(rejected.status).toBe('rejected');
    expect(rejected.rejection.reason).toBe('Le logiciel ne concerne pas les médecins.');
    const seen = (await vendor.get<Detail>(`/api/enrolments/${enrolmentId}`)).body;
    expect(seen.messages.at(-1)).toMatchObject({ kind: 'rejection', body: 'Le logiciel ne concerne pas les médecins.' });
    expect(seen.allowedActions).toEqual([]);
    expect(await refused(ops.incert, 'assign', 409)).toBe('INVALID_TRANSITION');

    const events = await expectEventually(async () => {
      const found = await caseEvents(system, enrolmentId);
      expect(found).toHaveLength(3);
      return found;
    });
    expect(events.map((e) => e.data.status)).toEqual(['submitted', 'under_review', 'rejected']);
  });

  it('should list cases filtered by status, assignee and age with a cursor', async () => {
    const submittedOnly = (await ops.incert.get<{ items: { status: string }[] }>('/api/enrolments?status=rejected')).body;
    expect(submittedOnly.items.map((i) => i.status)).toEqual(['rejected']);
    const mine = (await ops.incert.get<{ items: { assigneeId: string }[] }>('/api/enrolments?assignee=me&limit=100')).body;
    expect(mine.items.length).toBe(3);
    expect((await ops.aes.get<{ items: unknown[] }>('/api/enrolments?assignee=me')).body.items).toEqual([]);
    expect((await ops.incert.get<{ items: unknown[] }>('/api/enrolments?olderThanDays=1')).body.items).toEqual([]);
    const page1 = (
      await ops.incert.get<{ items: { enrolmentId: string }[]; nextCursor: string }>('/api/enrolments?olderThanDays=0&limit=2')
    ).body;
    expect(page1.items).toHaveLength(2);
    const page2 = (
      await ops.incert.get<{ items: { enrolmentId: string }[]; nextCursor: string | null }>(
        `/api/enrolments?olderThanDays=0&limit=2&cursor=${page1.nextCursor}`,
      )
    ).body;
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect((await ops.incert.get('/api/enrolments?status=nonsense')).status).toBe(400);
  });
});

async function storedSecret(system: RunningSystem, enrolmentId: string): Promise<string> {
  if (system.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: system.env.DATABASE_URL });
    await client.connect();
    try {
      const result = await client.query<{ test_access_secret: string }>(
        'select test_access_secret from sons_enrolment.enrolment where id = $1',
        [enrolmentId],
      );
      return result.rows[0].test_access_secret;
    } finally {
      await client.end();
    }
  }
  const db = new DatabaseSync(join(system.env.DATA_DIR, 'enrolment.sqlite'), { readOnly: true });
  try {
    return (
      db.prepare('select test_access_secret from enrolment where id = ?').get(enrolmentId) as { test_access_secret: string }
    ).test_access_secret;
  } finally {
    db.close();
  }
}
