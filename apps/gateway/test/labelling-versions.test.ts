import { ApiClient, expectEventually, startSystem, type RunningSystem } from '@sons/testing';
import { signInOperators, type Operators } from './enrolment-steps.js';
import {
  BEFORE_DEADLINE,
  evidence,
  fileForm3,
  form3,
  labellingEvents,
  step,
  throughLabel,
  vendorWithTestAccess,
  type Detail,
  type Registry,
  type VendorSession,
} from './labelling-steps.js';

type Software = {
  items: {
    softwareId: string;
    name: string;
    versions: {
      version: string;
      kind: string;
      labelId: string | null;
      labelStatus: string | null;
      incentiveEligible: boolean;
      basedOnVersion: string | null;
    }[];
  }[];
};

// PROCESS.md Phase 2.7: a label is for one version; a minor update without new standardised forms keeps it (no new
// incentive); a major one must be declared and needs a new labelling request; a new RECL flags every label
// « retest required », its vendor is told, and a retest request follows the same path.
describe('labelling versions, RECL updates and the public registry', () => {
  let system: RunningSystem;
  let ops: Operators;
  let medisoft: VendorSession;
  let praxis: VendorSession;
  let medidoc: Detail;
  let praxisDoc: Detail;

  const registry = async (query = '') => (await new ApiClient(system.baseUrl).get<Registry>(`/api/registry${query}`)).body;
  const softwareOf = async (session: VendorSession) => (await session.client.get<Software>('/api/labelling/software')).body.items;

  beforeAll(async () => {
    system = await startSystem({
      name: 'label-versions',
      services: ['enrolment', 'labelling', 'documents'],
      env: { SONS_NOW: BEFORE_DEADLINE },
    });
    ops = await signInOperators(system.baseUrl);
    medisoft = await vendorWithTestAccess(system, ops, 0);
    praxis = await vendorWithTestAccess(system, ops, 1);
    const filed = await fileForm3(medisoft.client, 'MediDoc', '4.2.0', await evidence(medisoft.client, ['R1']));
    medidoc = await throughLabel(ops, medisoft.client, filed.labelRequestId);
    const filedB = await fileForm3(praxis.client, 'PraxisDoc', '2.0', await evidence(praxis.client, ['R1']));
    praxisDoc = await throughLabel(ops, praxis.client, filedB.labelRequestId);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('should extend the label to a declared minor version, without a new incentive', async () => {
    const declared = await medisoft.client.post<Software['items'][number]>(
      `/api/labelling/software/${medidoc.softwareId}/versions`,
      { version: '4.2.1', kind: 'minor', changes: 'Correctifs d’affichage, aucun nouveau formulaire normalisé.' },
    );
    expect(declared.status).toBe(201);
    expect(declared.body.versions.map((v) => [v.version, v.kind, v.labelId, v.incentiveEligible, v.basedOnVersion])).toEqual([
      ['4.2.0', 'initial', medidoc.labelId, true, null],
      ['4.2.1', 'minor', medidoc.labelId, false, '4.2.0'],
    ]);
    expect(
      (await registry()).items.filter((e) => e.softwareName === 'MediDoc').map((e) => [e.version, e.extendedFrom, e.status]),
    ).toEqual(
      expect.arrayContaining([
        ['4.2.0', null, 'labelled'],
        ['4.2.1', '4.2.0', 'labelled'],
      ]),
    );
    // The minor version is covered: no labelling request for it.
    const form3ForMinor = await medisoft.client.post<{ code: string }>('/api/labelling/requests', {
      data: form3('MediDoc', '4.2.1', []),
      submit: false,
    });
    expect(form3ForMinor.status).toBe(409);
    expect(form3ForMinor.body.code).toBe('VERSION_ALREADY_LABELLED');
    await expectEventually(async () => {
      const events = await labellingEvents(system);
      expect(events.find((e) => e.type.endsWith('.version.declared.v1') && e.data.version === '4.2.1')?.data).toMatchObject({
        kind: 'minor',
        labelRequired: false,
        vendorId: medisoft.vendorId,
      });
      expect(events.find((e) => e.type.endsWith('.label.extended.v1'))?.data).toMatchObject({
        labelId: medidoc.labelId,
        version: '4.2.1',
        extendedFrom: '4.2.0',
        incentiveEligible: false,
      });
    });
  });

  it('should require a new labelling request for a declared major version, and refuse a minor one without a label', async () => {
    const major = await medisoft.client.post<Software['items'][number]>(
      `/api/labelling/software/${medidoc.softwareId}/versions`,
      { version: '5.0', kind: 'major', changes: 'Nouveau module PID v2, nouveaux formulaires normalisés.' },
    );
    expect(major.status).toBe(201);
    expect(major.body.versions.find((v) => v.version === '5.0')).toMatchObject({
      kind: 'major',
      labelId: null,
      incentiveEligible: true,
    });
    expect((await registry()).items.map((e) => e.version)).not.toContain('5.0');
    const again = await medisoft.client.post<{ code: string }>(`/api/labelling/software/${medidoc.softwareId}/versions`, {
      version: '5.0',
      kind: 'major',
      changes: 'Doublon.',
    });
    expect(again.status).toBe(409);
    const request = await fileForm3(medisoft.client, 'MediDoc', '5.0', await evidence(medisoft.client, ['R1']), {
      submit: false,
    });
    expect(request).toMatchObject({ status: 'draft', version: '5.0', kind: 'initial', softwareId: medidoc.softwareId });

    const draft = await fileForm3(praxis.client, 'PraxisLab', '1.0', [], { submit: false });
    const minor = await praxis.client.post<{ code: string; detail: string }>(
      `/api/labelling/software/${draft.softwareId}/versions`,
      { version: '1.0.1', kind: 'minor', changes: 'Correctif.' },
    );
    expect(minor.status).toBe(422);
    expect(minor.body.code).toBe('MINOR_VERSION_NEEDS_LABEL');
    // Another vendor's software does not exist for this one.
    expect(
      (
        await medisoft.client.post(`/api/labelling/software/${draft.softwareId}/versions`, {
          version: '9',
          kind: 'major',
          changes: 'Essai.',
        })
      ).status,
    ).toBe(404);
  });

  it('should flag every label « retest required » when a new RECL is published, and relabel after a passed retest', async () => {
    expect((await medisoft.client.post('/api/labelling/recl', { version: '2.0', title: 'RECL 2.0' })).status).toBe(403);
    // Form 3's evidence checklist comes from the requirements: none, or one identifier twice, is refused at the field.
    for (const requirements of [
      [],
      [
        { id: 'R1', title: 'Authentification' },
        { id: 'R1', title: 'Remboursement' },
      ],
    ]) {
      const refused = await ops.incert.post<{ errors: { path: string; message: { fr: string } }[] }>('/api/labelling/recl', {
        version: '2.0',
        title: 'RECL 2.0',
        requirements,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e) => e.path)).toEqual(['requirements']);
    }
    const published = await ops.incert.post<{ version: string; flaggedLabels: number }>('/api/labelling/recl', {
      version: '2.0',
      title: 'RECL 2.0 — PID v2 révisé',
      requirements: [
        { id: 'R1', title: 'Authentification eSanté' },
        { id: 'R2', title: 'Remboursement' },
        { id: 'R3', title: 'PID v2 révisé' },
      ],
      technicalDocumentationVersion: '2026.2',
    });
    expect(published.status).toBe(201);
    expect(published.body.flaggedLabels).toBe(2);
    expect((await registry()).items.map((e) => [e.softwareName, e.version, e.status]).sort()).toEqual([
      ['MediDoc', '4.2.0', 'retest_required'],
      ['MediDoc', '4.2.1', 'retest_required'],
      ['PraxisDoc', '2.0', 'retest_required'],
    ]);
    expect((await registry('?status=labelled')).items).toEqual([]);
    // One event per label, carrying its vendor (notifications tell each vendor).
    await expectEventually(async () => {
      const flagged = (await labellingEvents(system)).filter((e) => e.type.endsWith('.label.retest-required.v1'));
      expect(flagged.map((e) => [e.subject, e.data.vendorId, e.data.newReclVersion]).sort()).toEqual(
        [
          [medidoc.labelId, medisoft.vendorId, '2.0'],
          [praxisDoc.labelId, praxis.vendorId, '2.0'],
        ].sort(),
      );
    });
    const minor = await medisoft.client.post<{ code: string }>(`/api/labelling/software/${medidoc.softwareId}/versions`, {
      version: '4.2.2',
      kind: 'minor',
      changes: 'Correctif.',
    });
    expect(minor.status).toBe(422);
    expect(minor.body.code).toBe('LABEL_NOT_IN_FORCE');

    // The retest follows the same path: Form 3 against the new RECL (every requirement), queue, review, label.
    const oldRecl = await medisoft.client.post<{ errors: { path: string }[] }>('/api/labelling/requests', {
      data: form3('MediDoc', '4.2.0', [], { reclVersion: '1.0' }),
      submit: false,
    });
    expect(oldRecl.status).toBe(400);
    expect(oldRecl.body.errors.map((e) => e.path)).toEqual(['reclVersion']);
    const retest = await fileForm3(medisoft.client, 'MediDoc', '4.2.0', await evidence(medisoft.client, ['R1', 'R2']), {
      overrides: { reclVersion: '2.0' },
    });
    expect(retest).toMatchObject({ kind: 'retest', status: 'evidence_incomplete' });
    expect(retest.missingEvidence.map((m) => m.requirementId)).toEqual(['R3']);
    const queued = await step(medisoft.client, retest.labelRequestId, 'evidence', {
      evidence: await evidence(medisoft.client, ['R3']),
    });
    expect(queued.status).toBe('queued');
    const relabelled = await throughLabel(ops, medisoft.client, retest.labelRequestId);
    expect(relabelled.labelId).toBe(medidoc.labelId);
    const entries = (await registry()).items;
    expect(
      entries
        .filter((e) => e.softwareName === 'MediDoc')
        .map((e) => [e.version, e.status, e.attestationReference])
        .sort(),
    ).toEqual([
      ['4.2.0', 'labelled', relabelled.documents.find((d) => d.kind === 'label_attestation')!.reference],
      ['4.2.1', 'labelled', relabelled.documents.find((d) => d.kind === 'label_attestation')!.reference],
    ]);
    expect(entries.find((e) => e.softwareName === 'PraxisDoc')?.status).toBe('retest_required');
    await expectEventually(async () => {
      const published = (await labellingEvents(system, medidoc.labelId!)).filter((e) => e.type.endsWith('.label.published.v1'));
      expect(published.map((e) => e.data.previousStatus)).toEqual([null, 'retest_required']);
    });
  });

  it('should show the vendor’s new name in the registry once a change of name is approved', async () => {
    const requested = await medisoft.client.post<{ changeRequestId: string; version: number }>(
      `/api/vendors/${medisoft.vendorId}/change-requests`,
      {
        changes: { companyName: 'MediSoft Europe SA' },
        reason: 'Changement de dénomination (extrait RCS joint).',
      },
    );
    expect(requested.status).toBe(201);
    expect(
      (
        await ops.incert.post(`/api/change-requests/${requested.body.changeRequestId}/approve`, {
          expectedVersion: requested.body.version,
        })
      ).status,
    ).toBe(200);
    await expectEventually(async () => {
      const names = (await registry()).items.filter((e) => e.softwareName === 'MediDoc').map((e) => e.vendorName);
      expect(names).toEqual(['MediSoft Europe SA', 'MediSoft Europe SA']);
    });
    expect((await softwareOf(medisoft)).map((s) => s.name)).toContain('MediDoc');
  });

  it('should show a label AeS withdrew as withdrawn in the registry', async () => {
    expect(
      (await praxis.client.post(`/api/labelling/labels/${praxisDoc.labelId}/withdraw`, { reason: 'Retrait demandé.' })).status,
    ).toBe(403);
    const withdrawn = await ops.aes.post<{ status: string }>(`/api/labelling/labels/${praxisDoc.labelId}/withdraw`, {
      reason: 'Nouveaux tests non passés dans le délai.',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await registry('?status=withdrawn')).items.map((e) => [e.softwareName, e.version])).toEqual([['PraxisDoc', '2.0']]);
    // Paginated with a cursor, newest label first.
    const page1 = await registry('?limit=2');
    expect(page1.items).toHaveLength(2);
    const page2 = await registry(`?limit=2&cursor=${page1.nextCursor}`);
    expect([...page1.items, ...page2.items].map((e) => e.version).sort()).toEqual(['2.0', '4.2.0', '4.2.1']);
  });
});
