// Issue 3: form definitions as versioned data that admins publish without a deploy. The real gateway and
// enrolment service run as processes; a version published through the API reaches the running enrolment service
// (which validates Form 1 against the version a submission is pinned to) without a restart.
import { ApiClient, expectEventually, operator, readStream, startSystem, type RunningSystem } from '@sons/testing';
import { lintSchema, SEED_SAMPLES, type FormioComponent, type FormSchema } from '@sons/forms';
import { signedForm1 } from './enrolment-steps.js';

type Version = { formKey: string; version: number; status: string; schema: FormSchema };
type Problem = {
  code: string;
  detail: string;
  errors?: { path: string; rule: string; message: string }[];
  useVersion?: number;
  breaking?: { service: string; key: string }[];
};

const clone = <T>(value: T): T => structuredClone(value);
const withField = (schema: FormSchema, component: FormioComponent): FormSchema => {
  const next = clone(schema);
  // Before the submit button, at the top level.
  next.components.splice(Math.max(0, next.components.length - 1), 0, component);
  return next;
};
const withoutKey = (components: FormioComponent[], key: string): FormioComponent[] =>
  components
    .filter((c) => c.key !== key)
    .map((c) => ({
      ...c,
      ...(c.components ? { components: withoutKey(c.components, key) } : {}),
      ...(c.columns ? { columns: c.columns.map((col) => ({ ...col, components: withoutKey(col.components, key) })) } : {}),
    }));

describe('form definitions: draft → publish without a deploy, submissions pinned to a version', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let incert: ApiClient;

  beforeAll(async () => {
    system = await startSystem({ name: 'forms-definitions', services: ['enrolment'] });
    admin = await operator(system.baseUrl, 'admin');
    incert = await operator(system.baseUrl, 'incert');
  });
  afterAll(async () => {
    await system?.stop();
  });

  const vendorWithForm1 = (email: string, sample: Record<string, unknown>) => signedForm1(system.baseUrl, email, sample);

  it('should seed Forms 1–4 as published version 1, serve the renderer to signed-in users and the list to operators only', async () => {
    const vendor = await new ApiClient(system.baseUrl).register('reader@forms.lu');
    const published = await vendor.get<{ version: number; schema: FormSchema; i18n: { en: Record<string, string> } }>(
      '/api/forms/form1/published',
    );
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(1);
    expect(published.body.schema.components.length).toBeGreaterThan(3);
    expect(Object.keys(published.body.i18n.en).length).toBeGreaterThan(3);
    expect((await new ApiClient(system.baseUrl).get('/api/forms/form1/published')).status).toBe(401);

    const list = await incert.get<{ items: { formKey: string; publishedVersion: number | null }[] }>('/api/forms');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => [i.formKey, i.publishedVersion])).toEqual([
      ['form1', 1],
      ['form2', 1],
      ['form3', 1],
      ['form4', 1],
    ]);
    expect((await vendor.get('/api/forms')).status).toBe(403);
    expect((await incert.post('/api/forms/form1/drafts', {})).status).toBe(403);
  });

  it('should make the running enrolment service validate Form 1 against the pinned version: new required field on v2, v1 drafts still accepted', async () => {
    // A vendor begins Form 1 on version 1 and saves a draft.
    const early = await vendorWithForm1('early@forms.lu', SEED_SAMPLES.form1Legal);
    const saved = await early.vendor.put<{ version: number }>('/api/forms/form1/drafts/current', { data: early.data });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);

    // An admin drafts version 2 with a new required field and publishes it.
    const draft = await admin.post<Version>('/api/forms/form1/drafts', { changeNote: 'Délégué à la protection des données' });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ version: 2, status: 'draft' });
    const dpo: FormioComponent = {
      type: 'textfield',
      key: 'dpoName',
      label: 'Délégué à la protection des données',
      input: true,
      validate: { required: true },
    };
    const updated = await admin.put<Version>('/api/forms/form1/draft', { schema: withField(draft.body.schema, dpo) });
    expect(updated.status).toBe(200);
    const diff = await incert.get<{
      from: number;
      to: number;
      diff: { added: string[]; removed: string[] };
      breaking: unknown[];
    }>('/api/forms/form1/diff');
    expect(diff.body).toMatchObject({ from: 1, to: 2, breaking: [] });
    expect(diff.body.diff.added).toEqual(['dpoName']);
    expect(diff.body.diff.removed).toEqual([]);
    expect((await incert.post('/api/forms/form1/publish', {})).status).toBe(403);
    const published = await admin.post<Version>('/api/forms/form1/publish', {});
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 2, status: 'published' });
    await expectEventually(
      async () => {
        expect((await early.vendor.get<{ version: number }>('/api/forms/form1/published')).body.version).toBe(2);
      },
      { timeoutMs: 5_000 },
    );
    await expectEventually(async () => {
      const events = await readStream(system.nc, system.stream);
      expect(events.filter((e) => e.type === 'lu.esante.sons.forms.definition.published.v1').map((e) => e.data)).toEqual([
        expect.objectContaining({ formKey: 'form1', version: 2, previousVersion: 1 }),
      ]);
    });

    // A new vendor on version 2 without the new field: refused by the enrolment service, naming the field.
    const late = await vendorWithForm1('late@forms.lu', SEED_SAMPLES.form1Natural);
    const refused = await late.vendor.post<Problem>('/api/enrolments', { formVersion: 2, data: late.data });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((e) => e.path)).toEqual(['dpoName']);
    const accepted = await late.vendor.post('/api/enrolments', {
      formVersion: 2,
      data: { ...late.data, dpoName: 'Anne Kieffer' },
    });
    expect(accepted.status).toBe(201);

    // The early vendor resumes its draft: still pinned to version 1, and submits against version 1.
    const resumed = await early.vendor.get<{ version: number; publishedVersion: number; data: Record<string, unknown> }>(
      '/api/forms/form1/drafts/current',
    );
    expect(resumed.body).toMatchObject({ version: 1, publishedVersion: 2 });
    expect(
      (await early.vendor.put<{ version: number }>('/api/forms/form1/drafts/current', { data: resumed.body.data })).body.version,
    ).toBe(1);
    const v2check = await early.vendor.post<Problem>('/api/forms/form1/validate', { version: 2, data: resumed.body.data });
    expect(v2check.status).toBe(400);
    expect(v2check.body.errors?.map((e) => e.path)).toEqual(['dpoName']);
    const enrolled = await early.vendor.post('/api/enrolments', { formVersion: resumed.body.version, data: resumed.body.data });
    expect(enrolled.status).toBe(201);
    // Submitted: the portal discards the draft (idempotent), so it is not offered again.
    expect((await early.vendor.raw('DELETE', '/api/forms/form1/drafts/current')).status).toBe(204);
    expect((await early.vendor.get('/api/forms/form1/drafts/current')).status).toBe(404);
    expect((await early.vendor.raw('DELETE', '/api/forms/form1/drafts/current')).status).toBe(204);
    expect((await early.vendor.raw('DELETE', '/api/forms/form9/drafts/current')).status).toBe(404);

    // Retiring version 1: a submission pinned to it answers 409 with the version to use.
    expect((await admin.post('/api/forms/form1/versions/2/retire', {})).status).toBe(409);
    const retired = await admin.post<Version>('/api/forms/form1/versions/1/retire', {});
    expect(retired.status).toBe(200);
    expect(retired.body.status).toBe('retired');
    await expectEventually(async () => {
      const events = await readStream(system.nc, system.stream);
      expect(
        events.filter((e) => e.type === 'lu.esante.sons.forms.definition.retired.v1').map((e) => [e.subject, e.data]),
      ).toEqual([['form1', expect.objectContaining({ formKey: 'form1', version: 1, useVersion: 2 })]]);
    });
    const again = await vendorWithForm1('retired@forms.lu', {
      ...SEED_SAMPLES.form1Legal,
      matricule: '20101234567',
      vatNumber: 'LU10000356',
      iban: 'LU12 0010 0012 3456 7891',
    });
    await expectEventually(
      async () => {
        const stale = await again.vendor.post<Problem>('/api/enrolments', { formVersion: 1, data: again.data });
        expect(stale.status).toBe(409);
        expect(stale.body).toMatchObject({ code: 'FORM_VERSION_RETIRED', useVersion: 2 });
      },
      { timeoutMs: 5_000 },
    );
    const validateStale = await again.vendor.post<Problem>('/api/forms/form1/validate', { version: 1, data: again.data });
    expect(validateStale.status).toBe(409);
    expect(validateStale.body.useVersion).toBe(2);
    const unknown = await again.vendor.post<Problem>('/api/forms/form1/validate', { version: 9, data: again.data });
    expect(unknown.status).toBe(409);
    expect(unknown.body).toMatchObject({ code: 'FORM_VERSION_UNKNOWN', useVersion: 2 });
    expect((await again.vendor.put('/api/forms/form1/drafts/current', { version: 1, data: again.data })).status).toBe(409);
    // Old versions stay readable.
    expect((await again.vendor.get<Version>('/api/forms/form1/versions/1')).body.status).toBe('retired');
  });

  it('should refuse to publish a version that removes a key a service reads, naming the key and the service', async () => {
    const draft = await admin.post<Version>('/api/forms/form2/drafts', {});
    expect(draft.status).toBe(201);
    const schema = { ...draft.body.schema, components: withoutKey(draft.body.schema.components, 'eHealthId') };
    expect((await admin.put('/api/forms/form2/draft', { schema, changeNote: 'sans eHealth ID' })).status).toBe(200);
    const diff = await incert.get<{ diff: { removed: string[] }; breaking: { service: string; key: string }[] }>(
      '/api/forms/form2/diff',
    );
    expect(diff.body.diff.removed).toContain('eHealthId');
    expect(diff.body.breaking).toEqual([expect.objectContaining({ service: 'enrolment', key: 'eHealthId' })]);
    const refused = await admin.post<Problem>('/api/forms/form2/publish', {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('BREAKING_CHANGE');
    expect(refused.body.errors?.map((e) => e.path)).toEqual(['eHealthId']);
    expect(refused.body.detail).toContain('eHealthId');
    expect(refused.body.detail).toContain('enrolment');
    expect((await incert.get<{ publishedVersion: number }[]>('/api/forms/form2/published')).body).toMatchObject({ version: 1 });
  });

  it('should refuse at draft save a schema with JavaScript or duplicated keys, with the paths', async () => {
    const draft = await admin.post<Version>('/api/forms/form3/drafts', {});
    expect(draft.status).toBe(201);
    const bad = withField(
      withField(draft.body.schema, { type: 'textfield', key: 'softwareName', label: 'Doublon', input: true }),
      { type: 'textfield', key: 'scripted', label: 'Scripté', input: true, validate: { custom: "valid = input === 'x'" } },
    );
    const expected = lintSchema(bad).map((i) => [i.path, i.rule]);
    expect(expected.map(([, rule]) => rule).sort()).toEqual(['component.duplicateKey', 'javascript']);
    const refused = await admin.put<Problem>('/api/forms/form3/draft', { schema: bad });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((e) => [e.path, e.rule])).toEqual(expected);
    expect(refused.body.errors?.every((e) => e.path.length > 0 && e.message.length > 0)).toBe(true);
    const unknownType = await admin.put<Problem>('/api/forms/form3/draft', {
      schema: withField(draft.body.schema, { type: 'signature', key: 'sig', label: 'Signature', input: true }),
    });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.errors?.map((e) => e.rule)).toContain('component.unknownType');
    // Export / import round trip: the exported published version becomes the draft again.
    const exported = await incert.get<{ format: string; schema: FormSchema }>('/api/forms/form3/export');
    expect(exported.body.format).toBe('sons-form-definition/1');
    const imported = await admin.post<Version>('/api/forms/form3/import', exported.body);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ version: draft.body.version, status: 'draft', schema: exported.body.schema });
    expect((await admin.post<Problem>('/api/forms/form4/import', exported.body)).status).toBe(400);
  });
});
