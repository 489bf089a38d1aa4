import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { labellingRequestLabelled, type ConnectionDetail, type EventDefinition, type InvoiceDetail } from '@sons/contracts';
import { ApiClient, expectEventually, type RunningSystem } from '@sons/testing';
import { legalForm1, pdfBytes } from './fixtures.js';

// Phase 3 steps shared by the connection-*.test.ts and billing-*.test.ts files.
export const DAY = 24 * 3600 * 1000;
export const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

// A Luxembourg VAT number with valid check digits (the last two digits are the first six modulo 89).
export const luVat = (six: number) => `LU${six}${String(six % 89).padStart(2, '0')}`;

export type Vendor = { client: ApiClient; vendorId: string; name: string };

// Registers a vendor user and enrols it (Form 1 with its signed NDA): the vendor exists with identity version 1.
export async function enrolVendor(system: RunningSystem, n: number, overrides: Record<string, unknown> = {}): Promise<Vendor> {
  const client = await new ApiClient(system.baseUrl).register(`vendor${n}@phase3.example.lu`);
  const nda = await client.upload(pdfBytes(`nda-${n}`), `nda-${n}.pdf`, 'nda');
  expect(nda.status).toBe(201);
  const name = (overrides.companyName as string | undefined) ?? `Logiciels Médicaux ${n} S.à r.l.`;
  const response = await client.post<{ vendorId: string }>('/api/enrolments', {
    data: legalForm1({
      companyName: name,
      matricule: `2019${String(1000000 + n).slice(-7)}`,
      vatNumber: luVat(300000 + n),
      email: `billing${n}@phase3.example.lu`,
      addressStreet: `${n}, rue de la Gare`,
      addressPostalCode: 'L-1611',
      addressCity: 'Luxembourg',
      ndaAttachmentId: nda.body.id,
      ...overrides,
    }),
  });
  if (response.status !== 201) throw new Error(`enrolment failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { client, vendorId: response.body.vendorId, name };
}

// A CloudEvent of the catalogue published on the stream as its service's outbox would (Nats-Msg-Id = id).
export async function publishEvent(
  system: RunningSystem,
  definition: EventDefinition,
  caseId: string,
  data: unknown,
  sequence = 1,
): Promise<void> {
  const event = {
    specversion: '1.0',
    id: randomUUID(),
    source: `/sons/${definition.subject.split('.')[1]}`,
    type: definition.type,
    subject: caseId,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    dataschema: `${system.baseUrl}/api/events/schemas/${definition.type}.json`,
    sequence,
    data: definition.data.parse(data),
  };
  await jetstream(system.nc).publish(`${system.subjectPrefix}${definition.subject}`, JSON.stringify(event), { msgID: event.id });
}

// The labelling service's « labelled » event, as it publishes it (CloudEvent on the stream, Nats-Msg-Id = id); the
// connection service consumes it into its table of labelled versions.
export async function publishLabel(
  system: RunningSystem,
  vendor: Vendor,
  label: { softwareName: string; version: string; labelledAt: string; softwareId?: string },
): Promise<{ labelId: string; softwareId: string; versionId: string }> {
  const ids = {
    labelId: randomUUID(),
    softwareId: label.softwareId ?? randomUUID(),
    versionId: randomUUID(),
    labelRequestId: randomUUID(),
  };
  const data = labellingRequestLabelled.data.parse({
    labelRequestId: ids.labelRequestId,
    vendorId: vendor.vendorId,
    softwareId: ids.softwareId,
    softwareName: label.softwareName,
    versionId: ids.versionId,
    version: label.version,
    kind: 'initial',
    iteration: 1,
    status: 'labelled',
    previousStatus: 'agreement_signed',
    labelId: ids.labelId,
    labelNumber: `SONS-L-${label.version}`,
    labelledAt: label.labelledAt,
    attestationDocumentId: randomUUID(),
    attestationReference: `ATT-${ids.labelId.slice(0, 8)}`,
  });
  await publishEvent(system, labellingRequestLabelled, ids.labelRequestId, data, 12);
  await expectEventually(async () => {
    const labels = await vendor.client.get<{ items: { labelId: string }[] }>('/api/connections/labels?limit=100');
    expect(labels.body.items.map((l) => l.labelId)).toContain(ids.labelId);
  });
  return ids;
}

export type SeedTransaction = {
  reference: string;
  providerCode: string;
  timestamp: string;
  kind?: 'remboursement' | 'pid';
  defect?: 'none' | 'tampered' | 'foreign_key';
};

// Registers signed transactions in the CNS registry simulator (through its demo route).
export async function seedTransactions(incert: ApiClient, transactions: SeedTransaction[]): Promise<void> {
  const response = await incert.post('/api/connections/cns-simulator/transactions', { transactions });
  if (response.status !== 201) throw new Error(`seed failed: ${response.status} ${JSON.stringify(response.body)}`);
}

export type Provider = { providerCode: string; doctorName: string; transactionReference: string; siteName?: string };

export const form4 = (
  deliveryNoteType: 'individual' | 'medical_house' | 'flexible_centre' | 'hospital',
  software: { softwareName: string; version: string },
  providers: Provider[],
  deliveryNoteAttachmentId: string,
  extra: Record<string, unknown> = {},
) => ({
  deliveryNoteType,
  softwareName: software.softwareName,
  softwareVersion: software.version,
  providers,
  deliveryNoteAttachmentId,
  ...(deliveryNoteType === 'individual'
    ? {}
    : {
        sites: [{ siteName: 'Site principal', workstationCount: providers.length + 1 }],
        validatorName: 'Jeanne Hoffmann',
        validatorRole: deliveryNoteType === 'hospital' ? 'Responsable désigné de l’hôpital' : 'Gestionnaire',
      }),
  ...extra,
});

let notes = 0;
export async function uploadDeliveryNote(vendor: Vendor, label = `bon-de-livraison-${++notes}-${randomUUID()}`): Promise<string> {
  const response = await vendor.client.upload(pdfBytes(label), `${label}.pdf`, 'delivery_note');
  expect(response.status).toBe(201);
  return response.body.id;
}

export async function submitForm4(vendor: Vendor, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return vendor.client.post<ConnectionDetail & { code?: string; errors?: { path: string; rule: string; message: string }[] }>(
    '/api/connections',
    { data: body },
    headers,
  );
}

export async function connectionAction(
  client: ApiClient,
  connectionId: string,
  action: string,
  body: Record<string, unknown> = {},
  expected = 200,
): Promise<ConnectionDetail> {
  const response = await client.post<ConnectionDetail>(`/api/connections/${connectionId}/${action}`, body);
  if (response.status !== expected)
    throw new Error(`${action}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

// Submit → INCERT starts the verification (circuit check) → verifies → the vendor requests payment (invoiceable).
export async function invoiceableConnection(
  vendor: Vendor,
  incert: ApiClient,
  software: { softwareName: string; version: string },
  providers: Provider[],
  type: 'individual' | 'medical_house' | 'flexible_centre' | 'hospital' = providers.length > 1 ? 'medical_house' : 'individual',
): Promise<ConnectionDetail> {
  const submitted = await submitForm4(vendor, form4(type, software, providers, await uploadDeliveryNote(vendor)));
  if (submitted.status !== 201) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const checked = await connectionAction(incert, submitted.body.connectionId, 'start-verification');
  if (checked.passedCount !== providers.length)
    throw new Error(
      `circuit check failed: ${JSON.stringify(checked.providers.map((p) => p.checks.filter((c) => c.outcome !== 'pass')))}`,
    );
  await connectionAction(incert, checked.connectionId, 'verify');
  return connectionAction(vendor.client, checked.connectionId, 'payment-request');
}

export async function issue(
  client: ApiClient,
  connectionId: string,
): Promise<{ status: number; body: InvoiceDetail & { code?: string } }> {
  return client.post<InvoiceDetail & { code?: string }>('/api/invoices', { connectionId });
}

// A client that retries what the platform marks retryable (503: a service did not answer in time, e.g. under load or
// while it restarts) with the same request; issuing is idempotent per connection, so a retry never duplicates.
export async function issueRetrying(
  client: ApiClient,
  connectionId: string,
  attempts = 20,
): Promise<{ status: number; body: InvoiceDetail & { code?: string } }> {
  for (let attempt = 1; ; attempt++) {
    const response = await issue(client, connectionId);
    if (response.status !== 503 || attempt >= attempts) return response;
    await new Promise((r) => setTimeout(r, 250 * attempt));
  }
}
