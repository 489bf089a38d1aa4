import { pino } from 'pino';
import { getDocument, renderPdf, DomainError } from '@sons/contracts';
import { Bus } from '@sons/platform';
import { expectEventually, operator, readStream, startSystem, type ApiClient, type RunningSystem } from '@sons/testing';
import { SEED_TEMPLATE_KEYS } from '../src/render/index.js';
import { markedSample, pdfText, sampleOf } from './pdf-text.js';

// The render worker over NATS with real Chromium: every seed template in both languages, idempotency, bad data.
describe('documents: sons.documents.pdf.render', () => {
  let system: RunningSystem;
  let bus: Bus;
  let incert: ApiClient;

  beforeAll(async () => {
    system = await startSystem({ name: 'documents-render', services: ['documents'] });
    bus = new Bus(system.nc, system.subjectPrefix, pino({ level: 'silent' }));
    incert = await operator(system.baseUrl, 'incert');
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('should render every seed template in French and English with the data visible in the PDF', async () => {
    const jobs = SEED_TEMPLATE_KEYS.flatMap((key) => (['fr', 'en'] as const).map((locale) => ({ key, locale })));
    const rendered = await Promise.all(
      jobs.map(async ({ key, locale }) => {
        const marker = `Zyxwv Médical ${key.slice(0, 6)} ${locale.toUpperCase()}`;
        const document = await bus.request(
          renderPdf,
          {
            templateKey: key,
            locale,
            data: await markedSample(key, marker),
            caseId: `case-${key}`,
            vendorId: null,
            title: `Test ${key} ${locale}`,
          },
          { timeoutMs: 60_000 },
        );
        return { key, locale, marker, document };
      }),
    );
    for (const { key, locale, marker, document } of rendered) {
      expect(document).toMatchObject({ templateKey: key, templateVersion: 1, locale, status: 'valid' });
      expect(document.reference).toMatch(/^SONS-[A-Z]{3}-\d{4}-[0-9A-Z]{8}$/);
      expect(document.verifyUrl).toBe(`${system.baseUrl}/verify/${document.reference}`);
      const file = await incert.download(`/api/attachments/${document.attachmentId}/content`);
      expect(file.status).toBe(200);
      expect(file.data.length).toBe(document.size);
      const text = await pdfText(file.data);
      expect(text).toContain(marker);
      expect(text).toContain(document.reference);
    }
    // FR and EN bodies differ (same data, other language).
    const [fr, en] = await Promise.all(
      rendered
        .filter((r) => r.key === 'test-success-attestation')
        .map(async (r) => pdfText((await incert.download(`/api/attachments/${r.document.attachmentId}/content`)).data)),
    );
    expect(fr).not.toEqual(en);

    // One documentRendered event per document, in the stream.
    await expectEventually(async () => {
      const events = await readStream(system.nc, system.stream);
      const renderedEvents = events.filter((e) => e.type === 'lu.esante.sons.documents.document.rendered.v1');
      expect(renderedEvents.map((e) => (e.data as { documentId: string }).documentId).sort()).toEqual(
        rendered.map((r) => r.document.documentId).sort(),
      );
    });
  });

  it('should return the same document for the same idempotency key and record it once', async () => {
    const request = {
      templateKey: 'label-attestation' as const,
      data: await sampleOf('label-attestation'),
      caseId: 'case-idem',
      vendorId: null,
      title: 'Attestation de labélisation',
      idempotencyKey: 'label-attestation-case-idem-1',
    };
    const [a, b] = await Promise.all([
      bus.request(renderPdf, request, { timeoutMs: 60_000 }),
      bus.request(renderPdf, request, { timeoutMs: 60_000 }),
    ]);
    const c = await bus.request(renderPdf, request, { timeoutMs: 60_000 });
    expect(b.documentId).toBe(a.documentId);
    expect(c).toEqual(a);
    const stored = await bus.request(getDocument, { reference: a.reference });
    expect(stored).toMatchObject({
      documentId: a.documentId,
      caseId: 'case-idem',
      title: 'Attestation de labélisation',
      status: 'valid',
    });
  });

  it('should refuse data that breaks the template schema with the path of every bad field', async () => {
    const data = await sampleOf('test-success-attestation');
    delete (data.vendor as Record<string, unknown>).name;
    (data.software as Record<string, unknown>).version = 42;
    const error = await bus
      .request(
        renderPdf,
        { templateKey: 'test-success-attestation', data, caseId: 'case-bad', vendorId: null, title: 'Bad' },
        { timeoutMs: 60_000 },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    const body = (error as DomainError).body;
    expect(body).toMatchObject({ code: 'TEMPLATE_DATA_INVALID', status: 400 });
    expect(body.errors?.map((e) => e.path).sort()).toEqual(['/software/version', '/vendor/name']);
  });

  it('should answer an unknown template version clearly', async () => {
    const error = await bus
      .request(
        renderPdf,
        {
          templateKey: 'invoice',
          templateVersion: 99,
          data: await sampleOf('invoice'),
          caseId: 'case-x',
          vendorId: null,
          title: 'X',
        },
        { timeoutMs: 60_000 },
      )
      .catch((e: unknown) => e);
    expect((error as DomainError).body).toMatchObject({ code: 'TEMPLATE_NOT_FOUND', status: 404 });
  });
});
