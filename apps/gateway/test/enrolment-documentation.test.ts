import { ApiClient, expectEventually, startSystem, type RunningSystem } from '@sons/testing';
import { legalForm1, naturalForm1, pdfBytes, testEnvironment } from './fixtures.js';
import {
  act,
  caseEvents,
  enrol,
  grant,
  publishDocumentation,
  signInOperators,
  submitForm2,
  throughDocumentation,
  upload,
  type Case,
  type Operators,
} from './enrolment-steps.js';

type Problem = { code: string; detail: string; status: number };
type DocumentationSet = { documentationSetId: string; versionLabel: string; files: { attachmentId: string; fileName: string }[] };
type Download = {
  userId: string;
  userEmail: string | null;
  vendorId: string | null;
  vendorName: string | null;
  enrolmentId: string | null;
  fileName: string;
  versionLabel: string;
  downloadedAt: string;
};

// Phase 1 step 3 and 4: the technical documentation is confidential under the NDA (downloadable only once AeS
// countersigned and it was shared; every download logged), Form 2 is never accepted before the calendar's date,
// and concurrent operator actions on one case let exactly one win.
describe('enrolment documentation, Form 2 calendar and concurrent operator actions', () => {
  let system: RunningSystem;
  let ops: Operators;
  let docs: Awaited<ReturnType<typeof publishDocumentation>>;

  beforeAll(async () => {
    system = await startSystem({ name: 'enrol-docs', services: ['enrolment'] });
    ops = await signInOperators(system.baseUrl);
    docs = await publishDocumentation(ops, '2025.1');
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
  });

  it('should refuse the documentation before countersignature and log every download after it was shared', async () => {
    const { vendor, vendorId, enrolmentId } = await enrol(
      system,
      'docs@medisoft.lu',
      legalForm1({ ndaSignatoryCompany: 'MediSoft Luxembourg S.à r.l.' }),
    );
    const file = docs.files[0].attachmentId;
    const path = `/api/documentation/${docs.documentationSetId}/files/${file}`;

    const early = await vendor.get<Problem>(path);
    expect(early.status).toBe(403);
    expect(early.body.code).toBe('DOCUMENTATION_NOT_AVAILABLE');
    expect(early.body.detail).toContain('contresigné');
    expect((await vendor.get(`/api/documentation`)).status).toBe(403);
    // The generic file route never serves operator files to a vendor.
    expect((await vendor.download(`/api/attachments/${file}/content`)).status).toBe(404);

    await act(ops.incert, enrolmentId, 'assign');
    await act(ops.incert, enrolmentId, 'validate');
    await act(ops.aes, enrolmentId, 'nda/countersign');
    const notShared = await vendor.get<Problem>(path);
    expect(notShared.status).toBe(403);
    expect(notShared.body.detail).toContain('partagée');

    await act(ops.incert, enrolmentId, 'share-documentation');
    const listed = await vendor.get<{ items: DocumentationSet[] }>('/api/documentation');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((s) => s.versionLabel)).toEqual(['2025.1']);
    const before = Date.now();
    const downloaded = await vendor.download(path);
    expect(downloaded.status).toBe(200);
    expect(downloaded.data).toEqual(pdfBytes('documentation-2025.1'));
    expect(downloaded.headers.get('content-disposition')).toContain('documentation-2025.1.pdf');

    const log = await ops.readonly.get<{ items: Download[] }>(`/api/documentation/downloads?vendorId=${vendorId}`);
    expect(log.status).toBe(200);
    expect(log.body.items).toHaveLength(1);
    const entry = log.body.items[0];
    expect(entry).toMatchObject({
      userEmail: 'docs@medisoft.lu',
      vendorId,
      enrolmentId,
      versionLabel: '2025.1',
      fileName: 'documentation-2025.1.pdf',
    });
    expect(new Date(entry.downloadedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    // The log names the vendor as it is now, without a call per vendor.
    expect(entry.vendorName).toBe((await ops.incert.get<{ name: string }>(`/api/vendors/${vendorId}`)).body.name);
    expect((await vendor.get('/api/documentation/downloads')).status).toBe(403);

    // Another vendor, not yet countersigned, still cannot.
    const other = await enrol(system, 'other@zeta.lu', naturalForm1());
    expect((await other.vendor.get(path)).status).toBe(403);
    expect((await ops.incert.get<{ items: Download[] }>('/api/documentation/downloads')).body.items).toHaveLength(1);
  });

  it('should publish documentation versions only for operators, never rewrite one, and show the newest first', async () => {
    const vendor = await new ApiClient(system.baseUrl).register('publisher@vendor.lu');
    const own = await upload(vendor, 'vendor-file', 'documentation');
    expect((await vendor.post('/api/documentation', { versionLabel: '9.9', title: 'x', attachmentIds: [own] })).status).toBe(403);
    const borrowed = await ops.aes.post<{ errors: { rule: string }[] }>('/api/documentation', {
      versionLabel: '2025.2',
      title: 'x',
      attachmentIds: [own],
    });
    expect(borrowed.status).toBe(400);
    const wrongPurpose = await ops.aes.post<{ errors: { rule: string }[] }>('/api/documentation', {
      versionLabel: '2025.2',
      title: 'x',
      attachmentIds: [await upload(ops.aes, 'an-nda', 'nda')],
    });
    expect(wrongPurpose.body.errors[0].rule).toBe('attachmentPurpose');
    const again = await ops.incert.post<Problem>('/api/documentation', {
      versionLabel: '2025.1',
      title: 'again',
      attachmentIds: [await upload(ops.incert, 'v1-again', 'documentation')],
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DOCUMENTATION_VERSION_EXISTS');
    const second = await publishDocumentation(ops, '2025.2');
    const listed = (await ops.readonly.get<{ items: DocumentationSet[] }>('/api/documentation')).body.items;
    expect(listed.map((s) => s.versionLabel)).toEqual(['2025.2', '2025.1']);
    const events = await expectEventually(async () => {
      const found = await caseEvents(system, second.documentationSetId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(events[0].type).toBe('lu.esante.sons.enrolment.documentation.published.v1');
    expect(events[0].data).toEqual({ documentationSetId: second.documentationSetId, versionLabel: '2025.2', attachmentCount: 1 });
  });

  it('should let exactly one of two concurrent operator actions win and answer 409 to the other', async () => {
    const { enrolmentId } = await enrol(
      system,
      'race@example.lu',
      legalForm1({ companyName: 'Race SA', matricule: '20191234567', vatNumber: 'LU15027442', ndaSignatoryCompany: 'Race SA' }),
    );
    const incert2 = await (await import('@sons/testing')).operator(system.baseUrl, 'incert');
    await act(ops.incert, enrolmentId, 'assign');
    const seen = (await ops.incert.get<Case>(`/api/enrolments/${enrolmentId}`)).body;

    // Both act on the version they saw: one validates, the other asks for information.
    const [a, b] = await Promise.all([
      ops.incert.post<Case & Problem>(`/api/enrolments/${enrolmentId}/validate`, { expectedVersion: seen.version }),
      incert2.post<Case & Problem>(`/api/enrolments/${enrolmentId}/request-information`, {
        expectedVersion: seen.version,
        message: 'Merci de préciser le logiciel.',
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(['CONCURRENT_UPDATE', 'INVALID_TRANSITION']).toContain(loser.body.code);
    const winner = a.status === 200 ? 'validated_incert' : 'information_requested';
    expect((await ops.readonly.get<Case>(`/api/enrolments/${enrolmentId}`)).body.status).toBe(winner);

    // Five operator sessions press "validate" at once without a version: optimistic locking and the status guard
    // let exactly one through.
    const race2 = await enrol(
      system,
      'race2@example.lu',
      naturalForm1({ matricule: '1991020212345', ndaSignatoryCompany: 'Marc Schmit' }),
    );
    await act(ops.incert, race2.enrolmentId, 'assign');
    const answers = await Promise.all(
      [ops.incert, incert2, ops.incert, incert2, ops.incert].map((c) =>
        c.post<Problem>(`/api/enrolments/${race2.enrolmentId}/validate`, {}),
      ),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(4);

    const events = await expectEventually(async () => {
      const found = await caseEvents(system, race2.enrolmentId);
      expect(found).toHaveLength(3);
      return found;
    });
    expect(events.map((e) => e.data.status)).toEqual(['submitted', 'under_review', 'validated_incert']);
  });

  it('should refuse Form 2 before the calendar’s Form 2 date (moved clock) and accept it from that date', async () => {
    const { vendor, enrolmentId } = await enrol(
      system,
      'calendar@medisoft.lu',
      legalForm1({
        companyName: 'Calendar SARL',
        matricule: '20151234567',
        vatNumber: 'LU20165772',
        ndaSignatoryCompany: 'Calendar S.à r.l.',
      }),
    );
    await throughDocumentation(ops, enrolmentId);
    // A case whose test access was recorded before the restarts: its details must still open afterwards.
    const granted = await enrol(
      system,
      'granted@medisoft.lu',
      legalForm1({
        companyName: 'Granted SA',
        matricule: '20141234567',
        vatNumber: 'LU12345613',
        ndaSignatoryCompany: 'Granted SA',
      }),
    );
    await throughDocumentation(ops, granted.enrolmentId);
    expect(
      (await submitForm2(granted.vendor, granted.enrolmentId, { vendorName: 'Granted SA', mySecuMatricule: '20141234567' }))
        .status,
    ).toBe(200);
    await grant(ops, granted.enrolmentId);

    await system.restart('enrolment', { SONS_NOW: '2025-04-15T10:00:00+02:00' });
    const early = await submitForm2(vendor, enrolmentId, { vendorName: 'Calendar SARL', mySecuMatricule: '20151234567' });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('CALENDAR_NOT_YET_OPEN');
    expect((early.body as unknown as Problem).detail).toContain('2025-05-01');
    expect((await vendor.get<Case>(`/api/enrolments/${enrolmentId}`)).body.status).toBe('documentation_shared');

    await system.restart('enrolment', { SONS_NOW: '2025-05-01T00:00:00+02:00' });
    const onTheDay = await submitForm2(vendor, enrolmentId, { vendorName: 'Calendar SARL', mySecuMatricule: '20151234567' });
    expect(onTheDay.status).toBe(200);
    expect(onTheDay.body.status).toBe('test_access_requested');

    const details = await granted.vendor.get<{ environment: unknown }>(`/api/enrolments/${granted.enrolmentId}/test-access`);
    expect(details.status).toBe(200);
    expect(details.body.environment).toEqual(testEnvironment());
  }, 120_000);
});
