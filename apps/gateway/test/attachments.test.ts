import { createHash } from 'node:crypto';
import { ApiClient, operator, startSystem, type RunningSystem } from '@sons/testing';
import { legalForm1 } from './fixtures.js';

describe('attachments: write-once uploads in the NATS object store', () => {
  let system: RunningSystem;
  let vendor: ApiClient;
  const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

  const upload = async (client: ApiClient, data: Uint8Array, name: string) => {
    const response = await client.upload(data, name, 'nda');
    return { status: response.status, json: async (): Promise<unknown> => response.body };
  };

  beforeAll(async () => {
    system = await startSystem({ name: 'attachments', services: ['enrolment'], env: { SONS_UPLOAD_MAX_MB: '1' } });
    vendor = await new ApiClient(system.baseUrl).register('files@example.lu');
    expect((await vendor.post('/api/enrolments', { data: legalForm1() })).status).toBe(201);
    await vendor.login('files@example.lu', 'correct-horse-battery-42');
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('should store a PDF with its SHA-256 and give it back only to its vendor and operators', async () => {
    const response = await upload(vendor, pdf, 'NDA signé.txt');
    expect(response.status).toBe(201);
    const meta = (await response.json()) as { id: string; sha256: string; contentType: string; fileName: string };
    expect(meta.contentType).toBe('application/pdf');
    expect(meta.fileName).toBe('NDA signé.txt');
    expect(meta.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));

    const incert = await operator(system.baseUrl, 'incert');
    const asOperator = await incert.download(`/api/attachments/${meta.id}/content`);
    expect(asOperator.status).toBe(200);
    expect(asOperator.data).toEqual(pdf);

    const other = await new ApiClient(system.baseUrl).register('other-files@example.lu');
    expect((await other.get(`/api/attachments/${meta.id}`)).status).toBe(404);
  });

  it('should refuse a file whose bytes are not an accepted type whatever its name', async () => {
    const response = await upload(vendor, new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]), 'evidence.pdf');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('FILE_TYPE_NOT_ALLOWED');
  });

  it('should refuse a file above the configured limit before storing it', async () => {
    const big = new Uint8Array(1024 * 1024 + 10).fill(0x41);
    const response = await upload(vendor, big, 'big.txt');
    expect(response.status).toBe(413);
  });
});
