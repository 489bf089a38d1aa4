import { ApiClient, operator, readStream, type RunningSystem } from '@sons/testing';
import { form2Data, legalForm1, pdfBytes, testEnvironment } from './fixtures.js';

// Phase 1 steps shared by the enrolment-*.test.ts files: each answers the HTTP response so a test asserts on it.
export type Case = {
  enrolmentId: string;
  vendorId: string;
  status: string;
  version: number;
  eligibility: { rule: string; outcome: string; reason: string | { fr: string } }[];
};
export type Operators = { incert: ApiClient; aes: ApiClient; readonly: ApiClient };

export const signInOperators = async (baseUrl: string): Promise<Operators> => ({
  incert: await operator(baseUrl, 'incert'),
  aes: await operator(baseUrl, 'aes'),
  readonly: await operator(baseUrl, 'readonly'),
});

export async function upload(client: ApiClient, label: string, purpose: string): Promise<string> {
  const response = await client.upload(pdfBytes(label), `${label}.pdf`, purpose);
  expect(response.status).toBe(201);
  return response.body.id;
}

// Registers a vendor user, uploads its signed NDA and submits Form 1.
export async function enrol(
  system: RunningSystem,
  email: string,
  form1: Record<string, unknown> = legalForm1(),
  options: { nda?: boolean; locale?: 'fr' | 'en' } = {},
): Promise<{ vendor: ApiClient; enrolmentId: string; vendorId: string; ndaId: string | null }> {
  const vendor = await new ApiClient(system.baseUrl, options.locale ?? 'fr').register(email);
  const ndaId = options.nda === false ? null : await upload(vendor, `nda-${email}`, 'nda');
  const response = await vendor.post<{ enrolmentId: string; vendorId: string; status: string }>('/api/enrolments', {
    data: { ...form1, ...(ndaId ? { ndaAttachmentId: ndaId } : {}) },
  });
  expect(response.status).toBe(201);
  expect(response.body.status).toBe('submitted');
  return { vendor, enrolmentId: response.body.enrolmentId, vendorId: response.body.vendorId, ndaId };
}

export async function act(
  client: ApiClient,
  enrolmentId: string,
  action: string,
  body: Record<string, unknown> = {},
  expected = 200,
): Promise<Case> {
  const response = await client.post<Case>(`/api/enrolments/${enrolmentId}/${action}`, body);
  if (response.status !== expected)
    throw new Error(`${action}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function publishDocumentation(
  ops: Operators,
  versionLabel: string,
): Promise<{ documentationSetId: string; files: { attachmentId: string }[] }> {
  const file = await upload(ops.incert, `documentation-${versionLabel}`, 'documentation');
  const response = await ops.incert.post<{ documentationSetId: string; files: { attachmentId: string }[] }>(
    '/api/documentation',
    {
      versionLabel,
      title: `eConnector NG — spécifications ${versionLabel}`,
      attachmentIds: [file],
    },
  );
  expect(response.status).toBe(201);
  return response.body;
}

// From submitted to documentation_shared (INCERT takes, validates; AeS countersigns by marking; INCERT shares).
export async function throughDocumentation(ops: Operators, enrolmentId: string): Promise<Case> {
  await act(ops.incert, enrolmentId, 'assign');
  await act(ops.incert, enrolmentId, 'validate');
  await act(ops.aes, enrolmentId, 'nda/countersign');
  return act(ops.incert, enrolmentId, 'share-documentation');
}

export async function submitForm2(vendor: ApiClient, enrolmentId: string, overrides: Record<string, unknown> = {}) {
  const signed = await upload(vendor, `form2-${enrolmentId}-${Math.random().toString(36).slice(2, 8)}`, 'form2');
  return vendor.post<Case & { code?: string; errors?: { path: string; rule: string; message: string }[] }>(
    `/api/enrolments/${enrolmentId}/form2`,
    {
      data: form2Data({ signedForm2AttachmentId: signed, ...overrides }),
    },
  );
}

export const grant = (ops: Operators, enrolmentId: string, body: Record<string, unknown> = {}) =>
  act(ops.incert, enrolmentId, 'test-access', { environment: testEnvironment(), providerCode: '12345678', ...body });

export async function caseEvents(system: RunningSystem, caseId: string) {
  return (await readStream(system.nc, system.stream)).filter((e) => e.subject === caseId).sort((a, b) => a.sequence - b.sequence);
}

// A vendor user with its own signed NDA, and a Form 1 payload (a seed sample) whose file value is that upload, as the
// Form.io renderer sends it.
export async function signedForm1(baseUrl: string, email: string, sample: Record<string, unknown>) {
  const vendor = await new ApiClient(baseUrl).register(email);
  const uploaded = await vendor.upload(pdfBytes(email), `nda-${email}.pdf`, 'nda');
  expect(uploaded.status).toBe(201);
  const { id, sha256, size } = uploaded.body;
  const data: Record<string, unknown> = {
    ...structuredClone(sample),
    vague1Participant: false,
    existingProviderCode: '',
    ndaFile: [
      {
        name: `nda-${email}.pdf`,
        size,
        type: 'application/pdf',
        storage: 'sons',
        url: `/api/attachments/${id}`,
        attachmentId: id,
        sha256,
      },
    ],
  };
  return { vendor, data };
}
