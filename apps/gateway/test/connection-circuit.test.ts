import { randomUUID } from 'node:crypto';
import {
  expectEventually,
  operator,
  readStream,
  startSystem,
  withoutKeys,
  type ApiClient,
  type RunningSystem,
} from '@sons/testing';
import { labelExtended, labelWithdrawn, type ConnectionDetail } from '@sons/contracts';
import {
  connectionAction,
  daysAgo,
  enrolVendor,
  form4,
  publishEvent,
  publishLabel,
  seedTransactions,
  submitForm4,
  uploadDeliveryNote,
  type Vendor,
} from './connection-steps.js';

// Phase 3.1–3.2 (PROCESS.md): Form 4 with its delivery note, the circuit check against the CNS registry simulator
// (real ES256 signatures), each rule failing, a transaction claimed across two vendors, idempotent resubmission.
describe('connection requests and the circuit check', () => {
  let system: RunningSystem;
  let incert: ApiClient;
  let a: Vendor;
  let b: Vendor;
  const medidesk = { softwareName: 'MediDesk', version: '4.2.0' };
  const praxis = { softwareName: 'PraxisLux', version: '2.0' };
  let medideskLabel: { softwareId: string; labelId: string };

  beforeAll(async () => {
    system = await startSystem({
      name: 'connection-circuit',
      services: ['enrolment', 'connection', 'billing', 'documents'],
      env: { RATE_LIMIT_COMMANDS: '100000' },
    });
    incert = await operator(system.baseUrl, 'incert');
    a = await enrolVendor(system, 1, { companyName: 'MediSoft Luxembourg S.à r.l.' });
    b = await enrolVendor(system, 2, { companyName: 'Praxis Solutions SA' });
    medideskLabel = await publishLabel(system, a, { ...medidesk, labelledAt: daysAgo(40) });
    await publishLabel(system, b, { ...praxis, labelledAt: daysAgo(40) });
  });
  afterAll(async () => {
    await system?.stop();
  });

  const outcomes = (c: ConnectionDetail) => Object.fromEntries(c.providers.map((p) => [p.providerCode, p.outcome]));
  const failedRules = (c: ConnectionDetail, code: string) =>
    c.providers
      .find((p) => p.providerCode === code)!
      .checks.filter((x) => x.outcome === 'fail')
      .map((x) => x.rule);

  it('should take an individual connection from submitted to invoiceable when its transaction proves the circuit', async () => {
    await seedTransactions(incert, [{ reference: 'MH-2026-IND-1', providerCode: '10000001', timestamp: daysAgo(2) }]);
    const submitted = await submitForm4(
      a,
      form4(
        'individual',
        medidesk,
        [{ providerCode: '10000001', doctorName: 'Dr Claire Weber', transactionReference: 'MH-2026-IND-1' }],
        await uploadDeliveryNote(a),
        {
          vendorName: 'MEDISOFT Luxembourg S.à r.l',
        },
      ),
    );
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      deliveryNoteType: 'individual',
      softwareName: 'MediDesk',
      softwareVersion: '4.2.0',
      providerCount: 1,
    });
    // The enrolled name is the name of record; the one written on Form 4 is compared with it (Eligibility 5).
    expect(submitted.body.vendorName).toBe('MediSoft Luxembourg S.à r.l.');
    expect(submitted.body.vendorNameCheck).toEqual({
      declared: 'MEDISOFT Luxembourg S.à r.l',
      enrolled: 'MediSoft Luxembourg S.à r.l.',
      matches: true,
    });
    expect(submitted.body.contactPoint.party).toBe('incert');
    const id = submitted.body.connectionId;

    // The vendor cannot verify its own connection; INCERT can.
    expect((await a.client.post(`/api/connections/${id}/start-verification`, {})).status).toBe(403);
    const checked = await connectionAction(incert, id, 'start-verification');
    expect(checked.status).toBe('under_verification');
    expect(checked.providers[0].outcome).toBe('passed');
    expect(checked.providers[0].checks.map((c) => [c.rule, c.outcome])).toEqual([
      ['transaction_registered', 'pass'],
      ['signature_valid', 'pass'],
      ['transaction_provider', 'pass'],
      ['timestamp_after_label', 'pass'],
      ['timestamp_within_window', 'pass'],
      ['transaction_unused', 'pass'],
      ['incentive_not_granted', 'pass'],
    ]);
    expect(checked.providers[0].transaction?.kind).toBe('remboursement');
    expect(checked.allowedActions).toEqual(expect.arrayContaining(['verify', 'refuse']));

    // The payment cannot be requested before INCERT verified.
    expect((await a.client.post(`/api/connections/${id}/payment-request`, {})).status).toBe(409);
    const verified = await connectionAction(incert, id, 'verify', { note: 'Circuit complet vérifié.' });
    expect(verified.status).toBe('verified');
    const invoiceable = await connectionAction(a.client, id, 'payment-request');
    expect(invoiceable.status).toBe('invoiceable');
    expect(invoiceable.contactPoint.party).toBe('aes');

    // One event per transition, in order, through the outbox.
    const events = (await readStream(system.nc, system.stream))
      .filter((e) => e.subject === id)
      .sort((x, y) => x.sequence - y.sequence);
    expect(events.map((e) => e.type)).toEqual([
      'lu.esante.sons.connection.request.submitted.v1',
      'lu.esante.sons.connection.request.verification-started.v1',
      'lu.esante.sons.connection.request.circuit-checked.v1',
      'lu.esante.sons.connection.request.verified.v1',
      'lu.esante.sons.connection.request.payment-requested.v1',
    ]);
    expect(events.every((e) => e.natsMsgId === e.id)).toBe(true);
    expect(events[4].data).toMatchObject({
      connectionId: id,
      vendorId: a.vendorId,
      status: 'invoiceable',
      previousStatus: 'verified',
      passedCount: 1,
    });
  });

  it.each([
    ['medical_house', 'Maison médicale d’Esch'],
    ['flexible_centre', 'Centre médical flexible Kirchberg'],
    ['hospital', 'Hôpital du Nord — site Ettelbruck'],
  ] as const)('should verify a collective %s delivery note with its sites and its manager', async (type, site) => {
    const base = { medical_house: 20000000, flexible_centre: 30000000, hospital: 40000000 }[type];
    const providers = [1, 2, 3].map((i) => ({
      providerCode: String(base + i),
      doctorName: `Dr ${type} ${i}`,
      transactionReference: `PID-${type}-${i}`,
      siteName: site,
    }));
    await seedTransactions(
      incert,
      providers.map((p) => ({
        reference: p.transactionReference,
        providerCode: p.providerCode,
        timestamp: daysAgo(3),
        kind: 'pid' as const,
      })),
    );

    // A collective note without its manager is refused field by field.
    const missing = await submitForm4(a, {
      ...form4(type, medidesk, providers, await uploadDeliveryNote(a)),
      validatorName: undefined,
      validatorRole: undefined,
      sites: [],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors!.map((e) => e.path).sort()).toEqual(['sites', 'validatorName', 'validatorRole']);

    const submitted = await submitForm4(
      a,
      form4(type, medidesk, providers, await uploadDeliveryNote(a), {
        sites: [{ siteName: site, workstationCount: 6 }],
        vendorName: 'Medisoft Lux',
      }),
    );
    expect(submitted.status).toBe(201);
    expect(submitted.body.vendorNameCheck.matches).toBe(false);
    expect(submitted.body.deliveryNoteType).toBe(type);
    expect(submitted.body.sites).toEqual([{ siteName: site, workstationCount: 6 }]);
    expect(submitted.body.validator).toEqual({ name: 'Jeanne Hoffmann', role: expect.any(String) });
    const checked = await connectionAction(incert, submitted.body.connectionId, 'start-verification');
    expect(checked.passedCount).toBe(3);
    expect(checked.providers.every((p) => p.transaction?.kind === 'pid' && p.siteName === site)).toBe(true);
    expect((await connectionAction(incert, checked.connectionId, 'verify')).status).toBe('verified');
  });

  it('should refuse an individual delivery note naming two doctors and a version that is not labelled', async () => {
    const two = await submitForm4(
      a,
      form4(
        'individual',
        medidesk,
        [
          { providerCode: '50000001', doctorName: 'Dr A', transactionReference: 'X-1' },
          { providerCode: '50000002', doctorName: 'Dr B', transactionReference: 'X-2' },
        ],
        await uploadDeliveryNote(a),
      ),
    );
    expect(two.status).toBe(400);
    expect(two.body.errors!.map((e) => e.rule)).toContain('individual_one_provider');
    const unlabelled = await submitForm4(
      a,
      form4(
        'individual',
        { softwareName: 'MediDesk', version: '9.9' },
        [{ providerCode: '50000003', doctorName: 'Dr C', transactionReference: 'X-3' }],
        await uploadDeliveryNote(a),
      ),
    );
    expect(unlabelled.status).toBe(422);
    expect(unlabelled.body.code).toBe('SOFTWARE_NOT_LABELLED');
    // Another vendor's label does not count either.
    const foreign = await submitForm4(
      a,
      form4(
        'individual',
        praxis,
        [{ providerCode: '50000004', doctorName: 'Dr D', transactionReference: 'X-4' }],
        await uploadDeliveryNote(a),
      ),
    );
    expect(foreign.status).toBe(422);
  });

  it('should record, per provider, the reason each circuit rule fails', async () => {
    const p = (code: string, ref: string) => ({ providerCode: code, doctorName: `Dr ${code}`, transactionReference: ref });
    // MediDesk 4.2.0 was labelled 40 days ago and the window is 90 days: 45 days ago predates the label.
    await seedTransactions(incert, [
      { reference: 'MH-OK', providerCode: '60000001', timestamp: daysAgo(1) },
      { reference: 'MH-TAMPERED', providerCode: '60000003', timestamp: daysAgo(1), defect: 'tampered' },
      { reference: 'MH-FORGED', providerCode: '60000004', timestamp: daysAgo(1), defect: 'foreign_key' },
      { reference: 'MH-BEFORE-LABEL', providerCode: '60000006', timestamp: daysAgo(45) },
      { reference: 'MH-OTHER-DOCTOR', providerCode: '69999999', timestamp: daysAgo(1) },
    ]);
    const submitted = await submitForm4(
      a,
      form4(
        'hospital',
        medidesk,
        [
          p('60000001', 'MH-OK'),
          p('60000002', 'MH-NOT-REGISTERED'),
          p('60000003', 'MH-TAMPERED'),
          p('60000004', 'MH-FORGED'),
          p('60000006', 'MH-BEFORE-LABEL'),
          p('60000007', 'MH-OTHER-DOCTOR'),
        ],
        await uploadDeliveryNote(a),
      ),
    );
    expect(submitted.status).toBe(201);
    const checked = await connectionAction(incert, submitted.body.connectionId, 'start-verification');
    expect(outcomes(checked)).toEqual({
      60000001: 'passed',
      60000002: 'failed',
      60000003: 'failed',
      60000004: 'failed',
      60000006: 'failed',
      60000007: 'failed',
    });
    expect(failedRules(checked, '60000002')).toEqual(['transaction_registered']);
    expect(failedRules(checked, '60000003')).toEqual(['signature_valid']);
    expect(failedRules(checked, '60000004')).toEqual(['signature_valid']);
    expect(failedRules(checked, '60000006')).toEqual(['timestamp_after_label']);
    expect(failedRules(checked, '60000007')).toEqual(['transaction_provider']);
    const reason = (c: ConnectionDetail, code: string, rule: string) =>
      c.providers.find((x) => x.providerCode === code)!.checks.find((x) => x.rule === rule)!.reason;
    expect(reason(checked, '60000002', 'transaction_registered').fr).toContain('n’est pas enregistrée au registre de la CNS');
    expect(reason(checked, '60000003', 'signature_valid').en).toContain('does not verify with the CNS certificate');
    expect(reason(checked, '60000006', 'timestamp_after_label').en).toContain('before the software was labelled');
    // Partly proven: INCERT verifies the one provider that passed; the others keep their reasons.
    const verified = await connectionAction(incert, checked.connectionId, 'verify');
    expect(verified).toMatchObject({ status: 'verified', passedCount: 1, providerCount: 6 });

    // A stale transaction: after the label (OldDesk, labelled 200 days ago) but older than the 90-day window.
    const olddesk = { softwareName: 'OldDesk', version: '1.0' };
    await publishLabel(system, a, { ...olddesk, labelledAt: daysAgo(200) });
    await seedTransactions(incert, [{ reference: 'MH-STALE', providerCode: '60000005', timestamp: daysAgo(100) }]);
    const stale = await submitForm4(a, form4('individual', olddesk, [p('60000005', 'MH-STALE')], await uploadDeliveryNote(a)));
    const staleChecked = await connectionAction(incert, stale.body.connectionId, 'start-verification');
    expect(failedRules(staleChecked, '60000005')).toEqual(['timestamp_within_window']);
    expect(reason(staleChecked, '60000005', 'timestamp_within_window').en).toContain(
      'more than 90 days before the connection request',
    );

    // A request where no provider passed cannot be verified, only refused.
    const none = await submitForm4(a, form4('individual', medidesk, [p('60000008', 'MH-NOWHERE')], await uploadDeliveryNote(a)));
    await connectionAction(incert, none.body.connectionId, 'start-verification');
    const refusedVerify = await incert.post<{ code: string }>(`/api/connections/${none.body.connectionId}/verify`, {});
    expect(refusedVerify.status).toBe(422);
    expect(refusedVerify.body.code).toBe('CIRCUIT_NOT_PROVEN');
    // The CNS registers it later: a recheck passes.
    await seedTransactions(incert, [{ reference: 'MH-NOWHERE', providerCode: '60000008', timestamp: daysAgo(0.5) }]);
    const rechecked = await connectionAction(incert, none.body.connectionId, 'recheck');
    expect(rechecked.providers[0].outcome).toBe('passed');
  });

  it('should refuse a transaction already used by another vendor, naming the rule and not the other vendor', async () => {
    await seedTransactions(incert, [{ reference: 'PID-SHARED-1', providerCode: '70000001', timestamp: daysAgo(1), kind: 'pid' }]);
    const first = await submitForm4(
      a,
      form4(
        'individual',
        medidesk,
        [{ providerCode: '70000001', doctorName: 'Dr Shared', transactionReference: 'PID-SHARED-1' }],
        await uploadDeliveryNote(a),
      ),
    );
    expect((await connectionAction(incert, first.body.connectionId, 'start-verification')).passedCount).toBe(1);

    const second = await submitForm4(
      b,
      form4(
        'individual',
        praxis,
        [{ providerCode: '70000001', doctorName: 'Dr Shared', transactionReference: 'PID-SHARED-1' }],
        await uploadDeliveryNote(b),
      ),
    );
    expect(second.status).toBe(201);
    const checked = await connectionAction(incert, second.body.connectionId, 'start-verification');
    expect(failedRules(checked, '70000001')).toEqual(['transaction_unused']);
    const asSeenByB = await b.client.get<ConnectionDetail>(`/api/connections/${second.body.connectionId}`);
    const text = JSON.stringify(asSeenByB.body);
    expect(text).toContain('one transaction proves one connection, once, across all vendors');
    expect(text).not.toContain(a.vendorId);
    expect(text).not.toContain(first.body.connectionId);
    expect(text).not.toContain('MediSoft');
    // Vendor B never reads vendor A's request.
    expect((await b.client.get(`/api/connections/${first.body.connectionId}`)).status).toBe(404);
    expect(
      (await b.client.get<{ items: { connectionId: string }[] }>('/api/connections?limit=100')).body.items.map(
        (i) => i.connectionId,
      ),
    ).not.toContain(first.body.connectionId);

    // Once INCERT refuses A's request, the transaction proves nothing there: B's recheck passes.
    const refused = await connectionAction(incert, first.body.connectionId, 'refuse', {
      reason: 'Bon de livraison non signé par le médecin.',
    });
    expect(refused.status).toBe('refused');
    expect(refused.refusal?.reason).toContain('non signé');
    expect((await connectionAction(incert, second.body.connectionId, 'recheck')).providers[0].outcome).toBe('passed');
  });

  it('should hold the unique claim when two vendors race for the same transaction', async () => {
    await seedTransactions(incert, [{ reference: 'PID-RACE', providerCode: '71000001', timestamp: daysAgo(1), kind: 'pid' }]);
    const one = await submitForm4(
      a,
      form4(
        'individual',
        medidesk,
        [{ providerCode: '71000001', doctorName: 'Dr Race', transactionReference: 'PID-RACE' }],
        await uploadDeliveryNote(a),
      ),
    );
    const two = await submitForm4(
      b,
      form4(
        'individual',
        praxis,
        [{ providerCode: '71000001', doctorName: 'Dr Race', transactionReference: 'PID-RACE' }],
        await uploadDeliveryNote(b),
      ),
    );
    const results = await Promise.all([one, two].map((s) => connectionAction(incert, s.body.connectionId, 'start-verification')));
    expect(results.map((r) => r.passedCount).sort()).toEqual([0, 1]);
    expect(results.flatMap((r) => failedRules(r, '71000001'))).toEqual(['transaction_unused']);
  });

  it('should create one connection when the same delivery note is submitted twice (client retry)', async () => {
    await seedTransactions(incert, [{ reference: 'MH-RETRY', providerCode: '80000001', timestamp: daysAgo(1) }]);
    const note = await uploadDeliveryNote(a);
    const body = form4(
      'individual',
      medidesk,
      [{ providerCode: '80000001', doctorName: 'Dr Retry', transactionReference: 'MH-RETRY' }],
      note,
    );
    const [r1, r2] = await Promise.all([
      submitForm4(a, body, { 'idempotency-key': 'form4-retry-0001' }),
      submitForm4(a, body, { 'idempotency-key': 'form4-retry-0001' }),
    ]);
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect(r2.body.connectionId).toBe(r1.body.connectionId);
    // Without the key, the same file uploaded again (same content, new attachment): still the same connection.
    const reupload = await a.client.upload(
      new TextEncoder().encode('%PDF-1.4\n% same bytes twice\n%%EOF\n'),
      'bl.pdf',
      'delivery_note',
    );
    const reupload2 = await a.client.upload(
      new TextEncoder().encode('%PDF-1.4\n% same bytes twice\n%%EOF\n'),
      'bl-copy.pdf',
      'delivery_note',
    );
    const x = await submitForm4(
      a,
      form4(
        'individual',
        medidesk,
        [{ providerCode: '80000002', doctorName: 'Dr Copy', transactionReference: 'MH-COPY' }],
        reupload.body.id,
      ),
    );
    const y = await submitForm4(
      a,
      form4(
        'individual',
        medidesk,
        [{ providerCode: '80000002', doctorName: 'Dr Copy', transactionReference: 'MH-COPY' }],
        reupload2.body.id,
      ),
    );
    expect(y.status).toBe(201);
    expect(y.body.connectionId).toBe(x.body.connectionId);
    // The same note with another list of doctors is a conflict, not a second connection.
    const other = await submitForm4(
      a,
      form4(
        'individual',
        medidesk,
        [{ providerCode: '80000003', doctorName: 'Dr Other', transactionReference: 'MH-OTHER' }],
        reupload2.body.id,
      ),
    );
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('DELIVERY_NOTE_ALREADY_SUBMITTED');
    const mine = (
      await incert.get<{ items: { connectionId: string }[] }>(`/api/connections?vendorId=${a.vendorId}&limit=100`)
    ).body.items.map((i) => i.connectionId);
    expect(mine.filter((id) => id === r1.body.connectionId)).toHaveLength(1);
    expect(mine.filter((id) => id === x.body.connectionId)).toHaveLength(1);
  });

  it('should refuse a second incentive for a provider already connected with the same software (an update)', async () => {
    // Version 4.3.0 of the same software (same softwareId) is labelled; the doctor of the first test updates to it.
    await publishLabel(system, a, {
      softwareName: 'MediDesk',
      version: '4.3.0',
      labelledAt: daysAgo(10),
      softwareId: medideskLabel.softwareId,
    });
    await seedTransactions(incert, [{ reference: 'MH-UPDATE', providerCode: '10000001', timestamp: daysAgo(1) }]);
    const submitted = await submitForm4(
      a,
      form4(
        'individual',
        { softwareName: 'MediDesk', version: '4.3.0' },
        [{ providerCode: '10000001', doctorName: 'Dr Claire Weber', transactionReference: 'MH-UPDATE' }],
        await uploadDeliveryNote(a),
      ),
    );
    expect(submitted.status).toBe(201);
    const checked = await connectionAction(incert, submitted.body.connectionId, 'start-verification');
    expect(failedRules(checked, '10000001')).toEqual(['incentive_not_granted']);
    expect(checked.providers[0].checks.find((c) => c.rule === 'incentive_not_granted')!.reason.en).toContain(
      'never gives a right to a new incentive',
    );
  });

  it('should accept a minor version the label extends to (label date of its base) and refuse a withdrawn label', async () => {
    // The labelling service extends MediDesk 4.2.0's label to the minor version 4.2.1 (no new standardised forms).
    await publishEvent(system, labelExtended, medideskLabel.labelId, {
      labelId: medideskLabel.labelId,
      vendorId: a.vendorId,
      softwareId: medideskLabel.softwareId,
      softwareName: 'MediDesk',
      version: '4.2.1',
      extendedFrom: '4.2.0',
      versionId: randomUUID(),
      incentiveEligible: false,
    });
    const minor = await expectEventually(async () => {
      const labels = await a.client.get<{ items: { version: string; labelledAt: string; status: string }[] }>(
        '/api/connections/labels?limit=100',
      );
      const found = labels.body.items.find((l) => l.version === '4.2.1');
      expect(found).toBeDefined();
      return found!;
    });
    const base = (
      await a.client.get<{ items: { version: string; labelledAt: string }[] }>('/api/connections/labels?limit=100')
    ).body.items.find((l) => l.version === '4.2.0')!;
    expect(minor.labelledAt).toBe(base.labelledAt);
    await seedTransactions(incert, [{ reference: 'MH-MINOR', providerCode: '11000001', timestamp: daysAgo(1) }]);
    const accepted = await submitForm4(
      a,
      form4(
        'individual',
        { softwareName: 'MediDesk', version: '4.2.1' },
        [{ providerCode: '11000001', doctorName: 'Dr Minor', transactionReference: 'MH-MINOR' }],
        await uploadDeliveryNote(a),
      ),
    );
    expect(accepted.status).toBe(201);
    expect(accepted.body.labelId).toBe(medideskLabel.labelId);

    // AeS withdraws PraxisLux's label: Form 4 no longer accepts it.
    const praxisLabel = (
      await b.client.get<{ items: { labelId: string; softwareKey: string; version: string }[] }>(
        '/api/connections/labels?limit=100',
      )
    ).body.items.find((l) => l.version === praxis.version)!;
    await publishEvent(system, labelWithdrawn, praxisLabel.labelId, {
      labelId: praxisLabel.labelId,
      vendorId: b.vendorId,
      softwareId: praxisLabel.softwareKey,
      softwareName: praxis.softwareName,
      version: praxis.version,
      labelNumber: 'SONS-L-2.0',
      status: 'withdrawn',
      previousStatus: 'labelled',
      reclVersion: null,
    });
    await expectEventually(async () => {
      const labels = await b.client.get<{ items: { labelId: string; status: string }[] }>('/api/connections/labels?limit=100');
      expect(labels.body.items.find((l) => l.labelId === praxisLabel.labelId)?.status).toBe('withdrawn');
    });
    const refused = await submitForm4(
      b,
      form4(
        'individual',
        praxis,
        [{ providerCode: '11000002', doctorName: 'Dr Withdrawn', transactionReference: 'MH-W' }],
        await uploadDeliveryNote(b),
      ),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('SOFTWARE_NOT_LABELLED');
  });

  it('should refuse a payment request after the calendar’s end of payment requests, with the date', async () => {
    await seedTransactions(incert, [{ reference: 'MH-LATE', providerCode: '12000001', timestamp: daysAgo(1) }]);
    const submitted = await submitForm4(
      a,
      form4(
        'individual',
        medidesk,
        [{ providerCode: '12000001', doctorName: 'Dr Late', transactionReference: 'MH-LATE' }],
        await uploadDeliveryNote(a),
      ),
    );
    await connectionAction(incert, submitted.body.connectionId, 'start-verification');
    await connectionAction(incert, submitted.body.connectionId, 'verify');
    const admin = await operator(system.baseUrl, 'admin');
    const programme = withoutKeys(
      (await admin.get<Record<string, unknown> & { calendar: Record<string, string | null> }>('/api/programme')).body,
      'revision',
      'now',
      'milestoneLabels',
    );
    const closed = { ...programme, calendar: { ...programme.calendar, paymentRequestsEnd: daysAgo(1) } };
    expect((await admin.put('/api/programme', closed)).status).toBe(200);
    try {
      // Programme data reaches the connection service through its KV watch within moments.
      const late = await expectEventually(async () => {
        const response = await a.client.post<{ code: string; detail: string }>(
          `/api/connections/${submitted.body.connectionId}/payment-request`,
          {},
        );
        expect(response.status).toBe(422);
        return response.body;
      });
      expect(late.code).toBe('CALENDAR_CLOSED');
      expect(late.detail).toContain('n’est plus possible depuis le');
    } finally {
      expect((await admin.put('/api/programme', programme)).status).toBe(200);
    }
    const paid = await expectEventually(() => connectionAction(a.client, submitted.body.connectionId, 'payment-request'));
    expect(paid.status).toBe('invoiceable');
  });
});
