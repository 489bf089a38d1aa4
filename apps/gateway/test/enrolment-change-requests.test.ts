import { pino } from 'pino';
import { getVendor, vendorContact } from '@sons/contracts';
import { Bus } from '@sons/platform';
import { ApiClient, expectEventually, operator, startSystem, type RunningSystem } from '@sons/testing';
import { legalForm1 } from './fixtures.js';
import { caseEvents, enrol, signInOperators, type Operators } from './enrolment-steps.js';

type ChangeRequest = {
  changeRequestId: string;
  vendorName: string | null;
  status: string;
  fields: string[];
  previous: Record<string, unknown>;
  changes: Record<string, unknown>;
  decisionReason: string | null;
  identityVersion: number | null;
  version: number;
  allowedActions: string[];
};
type Vendor = {
  vendorId: string;
  name: string;
  iban: string;
  email: string;
  identityVersion: number;
  validFrom: string;
  validTo: string | null;
  companyName: string | null;
};
type Problem = { code: string; errors?: { path: string; rule: string }[] };

// Eligibility 2 (PROCESS.md): identity data changes only through a change request the vendor files and an operator
// (INCERT or AeS) approves or refuses with a reason; every value is kept with its validity dates, and later
// documents (invoices) read the identity valid at their date.
describe('enrolment change requests: approved, refused, history kept', () => {
  let system: RunningSystem;
  let ops: Operators;
  let admin: ApiClient;
  let bus: Bus;
  let vendor: ApiClient;
  let vendorId: string;
  let enrolmentId: string;
  let enrolledAt: Date;
  let beforeApproval: Date;

  beforeAll(async () => {
    system = await startSystem({ name: 'enrol-change', services: ['enrolment'] });
    ops = await signInOperators(system.baseUrl);
    admin = await operator(system.baseUrl, 'admin');
    bus = new Bus(system.nc, system.subjectPrefix, pino({ level: 'silent' }));
    const before = new Date();
    ({ vendor, vendorId, enrolmentId } = await enrol(
      system,
      'changes@medisoft.lu',
      legalForm1({ ndaSignatoryCompany: 'MediSoft Luxembourg S.à r.l.' }),
    ));
    enrolledAt = before;
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
  });

  // What the change request view says this caller may do now (`allowedActions`), read from the list.
  const actionsOf = async (client: ApiClient, id: string): Promise<string[]> => {
    const list = await client.get<{ items: ChangeRequest[] }>(`/api/change-requests?vendorId=${vendorId}&limit=100`);
    expect(list.status).toBe(200);
    const found = list.body.items.find((c) => c.changeRequestId === id);
    expect(found).toBeDefined();
    return found!.allowedActions;
  };

  it('should apply an approved change from now on and keep the earlier value for earlier dates', async () => {
    const requested = await vendor.post<ChangeRequest>(`/api/vendors/${vendorId}/change-requests`, {
      changes: { iban: 'DE89 3704 0044 0532 0130 00', email: 'finance@medisoft.lu' },
      reason: 'Nouveau compte bancaire et nouvelle adresse de contact.',
    });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({
      status: 'pending',
      fields: ['iban', 'email'],
      previous: { iban: 'LU280019400644750000', email: 'contact@medisoft.lu' },
      changes: { iban: 'DE89370400440532013000' },
    });

    const second = await vendor.post<Problem>(`/api/vendors/${vendorId}/change-requests`, {
      changes: { addressCity: 'Esch-sur-Alzette' },
      reason: 'Déménagement.',
    });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('CHANGE_REQUEST_PENDING');

    const id = requested.body.changeRequestId;
    // Pending: INCERT and AeS may approve or refuse; the vendor, read-only operators and the platform admin may not,
    // and the API refuses them.
    expect(requested.body.allowedActions).toEqual([]);
    expect(await actionsOf(ops.incert, id)).toEqual(['approve', 'refuse']);
    expect(await actionsOf(ops.aes, id)).toEqual(['approve', 'refuse']);
    expect(await actionsOf(ops.readonly, id)).toEqual([]);
    expect(await actionsOf(admin, id)).toEqual([]);
    expect(await actionsOf(vendor, id)).toEqual([]);
    expect((await ops.readonly.post(`/api/change-requests/${id}/approve`, {})).status).toBe(403);
    expect((await admin.post(`/api/change-requests/${id}/approve`, {})).status).toBe(403);
    expect((await vendor.post(`/api/change-requests/${id}/approve`, {})).status).toBe(403);
    expect((await vendor.post(`/api/change-requests/${id}/refuse`, { reason: 'Je retire ma demande.' })).status).toBe(403);
    expect((await vendor.get<Vendor>(`/api/vendors/${vendorId}`)).body.iban).toBe('LU280019400644750000');

    beforeApproval = new Date();
    const approved = await ops.incert.post<ChangeRequest>(`/api/change-requests/${id}/approve`, {
      expectedVersion: requested.body.version,
      note: 'RIB vérifié.',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', identityVersion: 2, decisionReason: 'RIB vérifié.' });
    // Approved: nothing is left to decide, and a second decision is refused.
    expect(approved.body.allowedActions).toEqual([]);
    expect(await actionsOf(ops.aes, id)).toEqual([]);
    const refuseLate = await ops.aes.post<Problem>(`/api/change-requests/${id}/refuse`, { reason: 'Trop tard pour refuser.' });
    expect(refuseLate.status).toBe(409);
    expect(refuseLate.body.code).toBe('INVALID_TRANSITION');

    const now = (await vendor.get<Vendor>(`/api/vendors/${vendorId}`)).body;
    expect(now).toMatchObject({
      iban: 'DE89370400440532013000',
      email: 'finance@medisoft.lu',
      identityVersion: 2,
      validTo: null,
    });

    const then = await ops.aes.get<Vendor>(`/api/vendors/${vendorId}?at=${encodeURIComponent(beforeApproval.toISOString())}`);
    expect(then.status).toBe(200);
    expect(then.body).toMatchObject({ iban: 'LU280019400644750000', email: 'contact@medisoft.lu', identityVersion: 1 });
    expect(then.body.validTo).toBe(now.validFrom);

    // Billing and documents ask the bus directly (no user): the identity valid at the invoice date.
    const forInvoice = await bus.request(getVendor, { vendorId, at: beforeApproval.toISOString() });
    expect(forInvoice.iban).toBe('LU280019400644750000');
    const tooEarly = await ops.incert.get<Problem>(
      `/api/vendors/${vendorId}?at=${encodeURIComponent(new Date(enrolledAt.getTime() - 60_000).toISOString())}`,
    );
    expect(tooEarly.status).toBe(404);
    expect(tooEarly.body.code).toBe('VENDOR_IDENTITY_NOT_FOUND_AT');

    const history = (await vendor.get<{ items: Vendor[] }>(`/api/vendors/${vendorId}/identity-history`)).body.items;
    expect(history.map((v) => [v.identityVersion, v.iban])).toEqual([
      [1, 'LU280019400644750000'],
      [2, 'DE89370400440532013000'],
    ]);
    expect(history[0].validTo).toBe(history[1].validFrom);

    // The notifications service's contract: where this vendor's e-mails go now.
    expect(await bus.request(vendorContact, { vendorId })).toEqual({
      vendorId,
      name: 'MediSoft Luxembourg S.à r.l.',
      email: 'finance@medisoft.lu',
      locale: 'fr',
    });
  });

  it('should keep the identity unchanged when an operator refuses, with the reason the vendor reads', async () => {
    const requested = await vendor.post<ChangeRequest>(`/api/vendors/${vendorId}/change-requests`, {
      changes: { companyName: 'MediSoft Europe SA' },
      reason: 'Changement de dénomination.',
    });
    expect(requested.status).toBe(201);
    const id = requested.body.changeRequestId;
    expect((await ops.aes.post<Problem>(`/api/change-requests/${id}/refuse`, { reason: '' })).status).toBe(400);
    const refused = await ops.aes.post<ChangeRequest>(`/api/change-requests/${id}/refuse`, {
      reason: 'Joignez l’extrait du RCS qui montre la nouvelle dénomination.',
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({
      status: 'refused',
      decisionReason: 'Joignez l’extrait du RCS qui montre la nouvelle dénomination.',
      identityVersion: null,
    });
    // Refused: nothing is left to decide, and approving it is refused.
    expect(refused.body.allowedActions).toEqual([]);
    expect(await actionsOf(ops.incert, id)).toEqual([]);
    const again = await ops.incert.post<Problem>(`/api/change-requests/${id}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_TRANSITION');

    expect((await vendor.get<Vendor>(`/api/vendors/${vendorId}`)).body).toMatchObject({
      name: 'MediSoft Luxembourg S.à r.l.',
      identityVersion: 2,
    });
    const mine = (await vendor.get<{ items: ChangeRequest[] }>('/api/change-requests')).body.items;
    expect(mine.map((c) => c.status)).toEqual(['approved', 'refused']);
  });

  it('should rename the case when a new name is approved and flag the NDA signed under the old one (criterion 5)', async () => {
    const requested = await vendor.post<ChangeRequest>(`/api/vendors/${vendorId}/change-requests`, {
      changes: { companyName: 'MediSoft Europe SA' },
      reason: 'Extrait RCS joint.',
    });
    expect(requested.status).toBe(201);
    expect(requested.body.vendorName).toBe('MediSoft Luxembourg S.à r.l.');
    const approved = await ops.aes.post<ChangeRequest>(`/api/change-requests/${requested.body.changeRequestId}/approve`, {});
    expect(approved.status).toBe(200);
    // Every view names the vendor as it is now, the list included (no call per vendor needed to show it).
    expect(approved.body.vendorName).toBe('MediSoft Europe SA');
    const listed = (await ops.incert.get<{ items: ChangeRequest[] }>(`/api/change-requests?vendorId=${vendorId}&limit=100`)).body
      .items;
    expect(listed.length).toBeGreaterThan(1);
    expect(new Set(listed.map((c) => c.vendorName))).toEqual(new Set(['MediSoft Europe SA']));
    const detail = (
      await ops.incert.get<{ vendorName: string; eligibility: { rule: string; outcome: string }[] }>(
        `/api/enrolments/${enrolmentId}`,
      )
    ).body;
    expect(detail.vendorName).toBe('MediSoft Europe SA');
    expect(detail.eligibility.find((c) => c.rule === 'nameConsistency')?.outcome).toBe('fail');
    expect((await bus.request(getVendor, { vendorId, at: beforeApproval.toISOString() })).name).toBe(
      'MediSoft Luxembourg S.à r.l.',
    );
  });

  it('should refuse a change that breaks a format rule, belongs to the other person type, or takes another vendor’s matricule', async () => {
    const bad = await vendor.post<Problem>(`/api/vendors/${vendorId}/change-requests`, {
      changes: { iban: 'LU28 0019 4006 4475 0001' },
      reason: 'Nouveau compte.',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => [e.path, e.rule])).toEqual([['changes.iban', 'iban']]);
    const foreign = await vendor.post<Problem>(`/api/vendors/${vendorId}/change-requests`, {
      changes: { firstName: 'Claire' },
      reason: 'Prénom.',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors?.[0]?.rule).toBe('personType');
    const renamed = await vendor.post<Problem>(`/api/vendors/${vendorId}/change-requests`, {
      changes: { personType: 'natural' },
      reason: 'Type.',
    });
    expect(renamed.status).toBe(400);
    const unchanged = await vendor.post<Problem>(`/api/vendors/${vendorId}/change-requests`, {
      changes: { companyName: 'MediSoft Europe SA' },
      reason: 'Même nom.',
    });
    expect(unchanged.status).toBe(400);
    expect(unchanged.body.errors?.[0]?.rule).toBe('unchanged');

    const other = await enrol(
      system,
      'other@zeta.lu',
      legalForm1({ companyName: 'Zeta SA', matricule: '20221234567', vatNumber: 'LU10000356' }),
    );
    const taken = await other.vendor.post<Problem & { existingVendorId: string }>(
      `/api/vendors/${other.vendorId}/change-requests`,
      { changes: { matricule: '20181234567' }, reason: 'Erreur.' },
    );
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'DUPLICATE_ENROLMENT', existingVendorId: vendorId });

    // Vendor B neither reads nor changes vendor A.
    expect((await other.vendor.get(`/api/vendors/${vendorId}`)).status).toBe(404);
    expect(
      (
        await other.vendor.post(`/api/vendors/${vendorId}/change-requests`, {
          changes: { iban: 'DE89 3704 0044 0532 0130 00' },
          reason: 'Intrusion.',
        })
      ).status,
    ).toBe(404);
    expect((await other.vendor.get<{ items: unknown[] }>('/api/change-requests')).body.items).toEqual([]);
  });

  it('should emit one thin event per change request step on the enrolment case', async () => {
    const events = await expectEventually(async () => {
      const found = (await caseEvents(system, enrolmentId)).filter((e) => e.type.includes('change-request'));
      expect(found).toHaveLength(6);
      return found;
    });
    expect(events.map((e) => e.type.replace('lu.esante.sons.enrolment.change-request.', ''))).toEqual([
      'submitted.v1',
      'approved.v1',
      'submitted.v1',
      'refused.v1',
      'submitted.v1',
      'approved.v1',
    ]);
    expect(events[1].data).toMatchObject({
      vendorId,
      enrolmentId,
      status: 'approved',
      fields: ['iban', 'email'],
      identityVersion: 2,
    });
    expect(JSON.stringify(events)).not.toContain('DE89370400440532013000');
    const all = await caseEvents(system, enrolmentId);
    expect(all.map((e) => e.sequence)).toEqual(all.map((_, i) => i + 1));
  });
});
