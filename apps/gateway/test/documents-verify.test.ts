import { pino } from 'pino';
import { renderPdf } from '@sons/contracts';
import { Bus } from '@sons/platform';
import { ApiClient, operator, startSystem, type RunningSystem } from '@sons/testing';
import { sampleOf } from '../../documents/test/pdf-text.js';

type Verification = {
  reference: string;
  status: string;
  valid: boolean;
  withdrawn: boolean;
  title: string;
  sha256: string;
  genuine?: boolean;
};

// The public verification page's API: genuine copies, modified copies, withdrawn and superseded documents.
describe('documents: public verification /verify/<reference>', () => {
  let system: RunningSystem;
  let bus: Bus;

  const check = async (reference: string, pdf: Uint8Array) => {
    const response = await fetch(`${system.baseUrl}/api/verify/${encodeURIComponent(reference)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.from(pdf),
    });
    return { status: response.status, body: (await response.json()) as Verification };
  };

  beforeAll(async () => {
    system = await startSystem({ name: 'documents-verify', services: ['documents'] });
    bus = new Bus(system.nc, system.subjectPrefix, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('should confirm a genuine PDF, reject a modified one, and show withdrawn and superseded documents', async () => {
    const data = await sampleOf('test-success-attestation');
    const request = {
      templateKey: 'test-success-attestation' as const,
      data,
      caseId: 'case-verify',
      vendorId: null,
      title: 'Attestation de réussite des tests',
    };
    const document = await bus.request(renderPdf, request, { timeoutMs: 60_000 });
    const aes = await operator(system.baseUrl, 'aes');
    const pdf = (await aes.download(`/api/documents/${document.documentId}/content`)).data;
    expect(pdf.length).toBe(document.size);

    const anonymous = new ApiClient(system.baseUrl);
    const shown = await anonymous.get<Verification & Record<string, unknown>>(`/api/verify/${document.reference}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      reference: document.reference,
      status: 'valid',
      valid: true,
      title: request.title,
      templateKey: 'test-success-attestation',
      sha256: document.sha256,
    });
    // Public: nothing of the vendor's data beyond the title.
    expect(Object.keys(shown.body).sort()).toEqual([
      'issuedAt',
      'reference',
      'sha256',
      'status',
      'templateKey',
      'title',
      'valid',
      'withdrawn',
    ]);

    expect(await check(document.reference, pdf)).toEqual({
      status: 200,
      body: expect.objectContaining({ genuine: true, status: 'valid' }),
    });
    const modified = new Uint8Array(pdf);
    modified[Math.floor(modified.length / 2)] ^= 0x01;
    expect(await check(document.reference, modified)).toEqual({
      status: 200,
      body: expect.objectContaining({ genuine: false, status: 'valid' }),
    });
    expect((await anonymous.get('/api/verify/SONS-ATT-2026-NOTHING0')).status).toBe(404);

    // A newer document supersedes it; then AeS withdraws the newer one.
    const newer = await bus.request(renderPdf, { ...request, supersedes: document.reference }, { timeoutMs: 60_000 });
    expect((await anonymous.get<Verification>(`/api/verify/${document.reference}`)).body).toMatchObject({
      status: 'superseded',
      valid: false,
    });
    const incert = await operator(system.baseUrl, 'incert');
    expect((await incert.post(`/api/documents/${newer.documentId}/withdraw`, { reason: 'Erreur de version' })).status).toBe(403);
    const withdrawn = await aes.post(`/api/documents/${newer.documentId}/withdraw`, { reason: 'Attestation émise par erreur' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    const newerPdf = (await aes.download(`/api/documents/${newer.reference}/content`)).data;
    expect(await check(newer.reference, newerPdf)).toEqual({
      status: 200,
      body: expect.objectContaining({ genuine: true, status: 'withdrawn', withdrawn: true, valid: false }),
    });
    expect((await anonymous.get<Verification>(`/api/documents/verify/${newer.reference}`)).body).toMatchObject({
      status: 'withdrawn',
      withdrawn: true,
    });
  });
});
