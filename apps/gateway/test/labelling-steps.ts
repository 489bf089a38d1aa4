import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, expectEventually, readStream, type RunningSystem } from '@sons/testing';
import { legalForm1 } from './fixtures.js';
import {
  enrol,
  grant,
  publishDocumentation,
  submitForm2,
  throughDocumentation,
  upload,
  type Operators,
} from './enrolment-steps.js';

// Phase 2 steps shared by the labelling-*.test.ts files. Vendors reach test access through the real Phase 1 routes.

// Programme clock of the labelling tests: before the complement deadline (2026-07-01).
export const BEFORE_DEADLINE = '2026-03-02T09:00:00+01:00';
export const AFTER_DEADLINE = '2026-07-02T10:00:00+02:00';

// Fictitious vendors with distinct matricules and VAT numbers (valid check digits).
export const VENDORS = [
  {
    companyName: 'MediSoft Luxembourg S.à r.l.',
    matricule: '20181234567',
    vatNumber: 'LU26375245',
    email: 'contact@medisoft.lu',
    ceoLastName: 'Weber',
  },
  {
    companyName: 'Praxis Informatique S.A.',
    matricule: '20191234567',
    vatNumber: 'LU15027442',
    email: 'contact@praxis.lu',
    ceoLastName: 'Hoffmann',
  },
  {
    companyName: 'Zeta Logiciels SA',
    matricule: '20201234567',
    vatNumber: 'LU10000356',
    email: 'contact@zeta.lu',
    ceoLastName: 'Zimmer',
  },
] as const;

export type Detail = {
  labelRequestId: string;
  reference: string;
  vendorId: string;
  vendorName: string;
  softwareId: string;
  softwareName: string;
  version: string;
  kind: 'initial' | 'retest';
  status: string;
  iteration: number;
  rowVersion: number;
  queue: { position: number | null; queued: number; queuedAt: string | null } | null;
  missingEvidence: { requirementId: string; reason: { fr: string; en: string } }[];
  evidence: { iteration: number; requirementId: string; result: string; files: { attachmentId: string; sha256: string }[] }[];
  messages: { kind: string; body: string; checklist: string[]; files: { attachmentId: string; sha256: string }[] }[];
  documents: {
    kind: string;
    iteration: number;
    documentId: string | null;
    reference: string | null;
    attachmentId: string;
    sha256: string;
  }[];
  form4Available: boolean;
  labelId: string | null;
  contactPoint: { party: string };
  allowedActions: string[];
  code?: string;
  detail?: string;
};

export type VendorSession = { client: ApiClient; vendorId: string; enrolmentId: string; name: string };

let documentationPublished: Promise<unknown> | null = null;

// Form 1 → review → NDA countersigned → documentation shared → Form 2 → test access granted; then waits until the
// labelling service consumed the test-access-granted event (Form 3 available).
export async function vendorWithTestAccess(
  system: RunningSystem,
  ops: Operators,
  index: number,
  email = `admin${index}@vendor${index}.lu`,
): Promise<VendorSession> {
  const v = VENDORS[index];
  documentationPublished ??= publishDocumentation(ops, '2026.1');
  await documentationPublished;
  const { vendor, enrolmentId, vendorId } = await enrol(
    system,
    email,
    legalForm1({
      companyName: v.companyName,
      matricule: v.matricule,
      vatNumber: v.vatNumber,
      email: v.email,
      ceoLastName: v.ceoLastName,
      addressStreet: `${12 + index}, rue de la Gare`,
      addressPostalCode: 'L-1611',
      addressCity: 'Luxembourg',
    }),
  );
  await throughDocumentation(ops, enrolmentId);
  const form2 = await submitForm2(vendor, enrolmentId, { vendorName: v.companyName, mySecuMatricule: v.matricule });
  if (form2.status !== 200) throw new Error(`form2: ${form2.status} ${JSON.stringify(form2.body)}`);
  await grant(ops, enrolmentId);
  await expectEventually(async () => {
    const access = await vendor.get<{ form3Available: boolean }>('/api/labelling/access');
    expect(access.body.form3Available).toBe(true);
  });
  return { client: vendor, vendorId, enrolmentId, name: v.companyName };
}

// Evidence lines with freshly uploaded proof files (one per requirement, or none for `withoutProof`).
export async function evidence(
  vendor: ApiClient,
  requirementIds: readonly string[],
  options: { withoutProof?: readonly string[]; label?: string } = {},
) {
  const lines = [];
  for (const requirementId of requirementIds) {
    const files = options.withoutProof?.includes(requirementId)
      ? []
      : [
          await upload(
            vendor,
            `proof-${options.label ?? ''}-${requirementId}-${Math.random().toString(36).slice(2, 8)}`,
            'evidence',
          ),
        ];
    lines.push({ requirementId, result: 'pass', proofAttachmentIds: files });
  }
  return lines;
}

export const form3 = (softwareName: string, version: string, lines: unknown[], overrides: Record<string, unknown> = {}) => ({
  softwareName,
  softwareVersion: version,
  integrationMode: 'econnector_ng',
  reclVersion: '1.0',
  evidence: lines,
  declaration: true,
  ...overrides,
});

export async function fileForm3(
  vendor: ApiClient,
  softwareName: string,
  version: string,
  lines: unknown[],
  options: { submit?: boolean; overrides?: Record<string, unknown> } = {},
): Promise<Detail> {
  const response = await vendor.post<Detail>('/api/labelling/requests', {
    data: form3(softwareName, version, lines, options.overrides),
    submit: options.submit ?? true,
  });
  if (response.status !== 201) throw new Error(`Form 3: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function step(
  client: ApiClient,
  labelRequestId: string,
  action: string,
  body: Record<string, unknown> = {},
  expected = 200,
): Promise<Detail> {
  const response = await client.post<Detail>(`/api/labelling/requests/${labelRequestId}/${action}`, body);
  if (response.status !== expected)
    throw new Error(`${action}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function next(incert: ApiClient): Promise<Detail> {
  const response = await incert.post<Detail>('/api/labelling/queue/next');
  if (response.status !== 200) throw new Error(`next: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

// From queued to labelled: INCERT takes it (head of the queue) and passes the tests; AeS sends the generated agreement;
// the vendor returns it signed; AeS confirms.
export async function throughLabel(ops: Operators, vendor: ApiClient, labelRequestId: string): Promise<Detail> {
  const taken = await next(ops.incert);
  if (taken.labelRequestId !== labelRequestId) throw new Error(`next took ${taken.reference}, not the expected request`);
  await step(ops.incert, labelRequestId, 'pass');
  await step(ops.aes, labelRequestId, 'agreement/send');
  const signed = await upload(vendor, `signed-agreement-${labelRequestId}`, 'agreement');
  await step(vendor, labelRequestId, 'agreement/sign', { signedAttachmentId: signed });
  return step(ops.aes, labelRequestId, 'agreement/confirm');
}

export async function pdfText(client: ApiClient, attachmentId: string): Promise<string> {
  const file = await client.download(`/api/attachments/${attachmentId}/content`);
  expect(file.status).toBe(200);
  expect(Buffer.from(file.data.subarray(0, 5)).toString()).toBe('%PDF-');
  const dir = mkdtempSync(join(tmpdir(), 'sons-pdf-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), file.data);
    return execFileSync('pdftotext', ['-layout', join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function labellingEvents(system: RunningSystem, caseId?: string) {
  return (await readStream(system.nc, system.stream))
    .filter((e) => e.type.startsWith('lu.esante.sons.labelling.') && (!caseId || e.subject === caseId))
    .sort((a, b) => (a.subject === b.subject ? a.sequence - b.sequence : 0));
}

export type Registry = {
  items: {
    labelId: string;
    vendorName: string;
    softwareName: string;
    version: string;
    labelDate: string;
    extendedFrom: string | null;
    labelNumber: string;
    attestationReference: string | null;
    status: string;
  }[];
  nextCursor: string | null;
};
