// An enrolment records the Form 1 version it was filled on (the version the enrolment service validated it against),
// so the case page renders the submitted data with THAT version after an admin has published a newer one.
import { ApiClient, expectEventually, operator, startSystem, type RunningSystem } from '@sons/testing';
import { SEED_SAMPLES, type FormioComponent, type FormSchema } from '@sons/forms';
import { legalForm1 } from './fixtures.js';
import { enrol, signedForm1 } from './enrolment-steps.js';

type Version = { formKey: string; version: number; status: string; schema: FormSchema };
type Detail = { enrolmentId: string; formVersion?: number | null; data: Record<string, unknown> };

const keysOf = (components: FormioComponent[]): string[] =>
  components.flatMap((c) => [
    ...(c.key === undefined ? [] : [c.key]),
    ...keysOf(c.components ?? []),
    ...(c.columns ?? []).flatMap((col) => keysOf(col.components)),
  ]);

describe('enrolment: the Form 1 version a case was filled on', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let incert: ApiClient;

  beforeAll(async () => {
    system = await startSystem({ name: 'enrolment-form-version', services: ['enrolment'] });
    admin = await operator(system.baseUrl, 'admin');
    incert = await operator(system.baseUrl, 'incert');
  });
  afterAll(async () => {
    await system?.stop();
  });

  const vendorWithForm1 = (email: string, sample: Record<string, unknown>) => signedForm1(system.baseUrl, email, sample);

  it('should record version 1 on a case filled on it and version 2 on one filled after an admin published version 2', async () => {
    // Filled and submitted on version 1 (the seeded published version).
    const early = await vendorWithForm1('early@form-version.lu', SEED_SAMPLES.form1Legal);
    const first = await early.vendor.post<{ enrolmentId: string; status: string }>('/api/enrolments', {
      formVersion: 1,
      data: early.data,
    });
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('submitted');

    // An admin publishes version 2 with a new optional field.
    const draft = await admin.post<Version>('/api/forms/form1/drafts', {
      changeNote: 'Délégué à la protection des données (facultatif)',
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ version: 2, status: 'draft' });
    const dpo: FormioComponent = { type: 'textfield', key: 'dpoName', label: 'Délégué à la protection des données', input: true };
    const schema = structuredClone(draft.body.schema);
    schema.components.splice(Math.max(0, schema.components.length - 1), 0, dpo);
    expect((await admin.put<Version>('/api/forms/form1/draft', { schema })).status).toBe(200);
    const published = await admin.post<Version>('/api/forms/form1/publish', {});
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 2, status: 'published' });

    // Filled and submitted on version 2, with the new field: the enrolment service knows version 2 within moments.
    const late = await vendorWithForm1('late@form-version.lu', SEED_SAMPLES.form1Natural);
    let second: { status: number; body: { enrolmentId: string } } | undefined;
    await expectEventually(
      async () => {
        second = await late.vendor.post<{ enrolmentId: string }>('/api/enrolments', {
          formVersion: 2,
          data: { ...late.data, dpoName: 'Anne Kieffer' },
        });
        expect(second.status).toBe(201);
      },
      { timeoutMs: 10_000 },
    );

    // The case view answers the version each case was validated against, to operators and to the vendor alike.
    const one = await incert.get<Detail>(`/api/enrolments/${first.body.enrolmentId}`);
    expect(one.status).toBe(200);
    expect(one.body.formVersion).toBe(1);
    const two = await incert.get<Detail>(`/api/enrolments/${second!.body.enrolmentId}`);
    expect(two.status).toBe(200);
    expect(two.body.formVersion).toBe(2);
    // A field operators added in version 2 is kept with the case (the service's own checks cover the fields it uses).
    expect((two.body as Detail & { data: Record<string, unknown> }).data.dpoName).toBe('Anne Kieffer');
    expect((await early.vendor.get<Detail>(`/api/enrolments/${first.body.enrolmentId}`)).body.formVersion).toBe(1);
    expect((await late.vendor.get<Detail>(`/api/enrolments/${second!.body.enrolmentId}`)).body.formVersion).toBe(2);

    // The definitions the case page renders with: each recorded version stays readable by signed-in users.
    const v1 = await early.vendor.get<Version>('/api/forms/form1/versions/1');
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ version: 1, status: 'superseded' });
    expect(keysOf(v1.body.schema.components)).not.toContain('dpoName');
    const v2 = await incert.get<Version>('/api/forms/form1/versions/2');
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ version: 2, status: 'published' });
    expect(keysOf(v2.body.schema.components)).toContain('dpoName');
  });

  it('should record no version on a case submitted without one (validated against none)', async () => {
    const { enrolmentId } = await enrol(
      system,
      'legacy@form-version.lu',
      legalForm1({ matricule: '20101234567', vatNumber: 'LU10000356' }),
    );
    const detail = await incert.get<Detail>(`/api/enrolments/${enrolmentId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.formVersion).toBeNull();
  });
});
