// Issue 3: Form 2 submitted to the running enrolment service is validated against the form version it is pinned to;
// the gateway's first-start seeding is idempotent across restarts.
import { expectEventually, operator, startSystem, withoutKeys, type ApiClient, type RunningSystem } from '@sons/testing';
import { SEED_SAMPLES, type FormioComponent, type FormSchema } from '@sons/forms';
import { form2Data, pdfBytes } from './fixtures.js';
import { enrol, publishDocumentation, signInOperators, throughDocumentation } from './enrolment-steps.js';

type Version = { formKey: string; version: number; status: string; schema: FormSchema };

describe('Form 2 pinned to a form version in the enrolment service', () => {
  let system: RunningSystem;
  let admin: ApiClient;

  beforeAll(async () => {
    system = await startSystem({ name: 'forms-pinned-form2', services: ['enrolment'] });
    admin = await operator(system.baseUrl, 'admin');
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('should refuse Form 2 on version 2 without its new required field and accept the same data pinned to version 1', async () => {
    const ops = await signInOperators(system.baseUrl);
    await publishDocumentation(ops, 'v-forms');
    const { vendor, enrolmentId } = await enrol(system, 'form2@forms.lu');
    await throughDocumentation(ops, enrolmentId);

    const draft = await admin.post<Version>('/api/forms/form2/drafts', { changeNote: 'Hébergeur' });
    expect(draft.status).toBe(201);
    const hosting: FormioComponent = {
      type: 'textfield',
      key: 'hostingProvider',
      label: 'Hébergeur',
      input: true,
      validate: { required: true },
    };
    const schema = structuredClone(draft.body.schema);
    schema.components.splice(schema.components.length - 1, 0, hosting);
    expect((await admin.put('/api/forms/form2/draft', { schema })).status).toBe(200);
    expect((await admin.post<Version>('/api/forms/form2/publish', {})).body).toMatchObject({ version: 2, status: 'published' });

    const uploaded = await vendor.upload(pdfBytes('form2-signed'), 'formulaire-2-signe.pdf', 'form2');
    expect(uploaded.status).toBe(201);
    const { id, sha256, size } = uploaded.body;
    const sample = withoutKeys(SEED_SAMPLES.form2, 'existingProviderCode');
    const data = {
      ...sample,
      ...form2Data(),
      signedForm2: [
        {
          name: 'formulaire-2-signe.pdf',
          size,
          type: 'application/pdf',
          storage: 'sons',
          url: `/api/attachments/${id}`,
          attachmentId: id,
          sha256,
        },
      ],
    };

    const refused = await vendor.post<{ errors?: { path: string }[] }>(`/api/enrolments/${enrolmentId}/form2`, {
      formVersion: 2,
      data,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((e) => e.path)).toEqual(['hostingProvider']);

    const accepted = await vendor.post<{ status: string; form2: { data: Record<string, unknown> } }>(
      `/api/enrolments/${enrolmentId}/form2`,
      { formVersion: 1, data },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('test_access_requested');
    expect(accepted.body.form2.data.eHealthId).toBe('EHID-4711-0815');
  });

  it('should keep the definitions as they are when the gateway restarts (first-start seeding is idempotent)', async () => {
    await system.restart('gateway');
    const signedIn = await operator(system.baseUrl, 'admin');
    await expectEventually(async () => {
      const versions = await signedIn.get<{ items: { version: number; status: string }[] }>('/api/forms/form2/versions');
      expect(versions.body.items.map((v) => [v.version, v.status])).toEqual([
        [1, 'superseded'],
        [2, 'published'],
      ]);
      expect(
        (await signedIn.get<{ items: { version: number }[] }>('/api/forms/form1/versions')).body.items.map((v) => v.version),
      ).toEqual([1]);
      expect((await signedIn.get<{ version: number }>('/api/forms/form2/published')).body.version).toBe(2);
    });
  });
});
