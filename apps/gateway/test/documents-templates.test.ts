import { pino } from 'pino';
import { DomainError, renderPdf } from '@sons/contracts';
import { Bus } from '@sons/platform';
import { operator, startSystem, type ApiClient, type RunningSystem } from '@sons/testing';
import { pdfText, sampleOf } from '../../documents/test/pdf-text.js';

type Version = { key: string; version: number; status: string; locales: { fr: string; en: string } };

// Templates as versioned data: an admin drafts, previews and publishes without a deploy; the renderer's bounded
// queue answers "busy, retry" (this system runs one page and a queue of one).
describe('documents: templates draft → publish, and a bounded render queue', () => {
  let system: RunningSystem;
  let bus: Bus;
  let admin: ApiClient;

  beforeAll(async () => {
    system = await startSystem({
      name: 'documents-templates',
      services: ['documents'],
      env: { DOCUMENTS_PAGES: '1', DOCUMENTS_QUEUE_LIMIT: '1' },
    });
    bus = new Bus(system.nc, system.subjectPrefix, pino({ level: 'silent' }));
    admin = await operator(system.baseUrl, 'admin');
  });
  afterAll(async () => {
    await system?.stop();
  });

  const download = async (attachmentId: string) =>
    pdfText((await admin.download(`/api/attachments/${attachmentId}/content`)).data);

  it('should use a newly published version for the next render and re-render an old document identically with its version', async () => {
    const data = await sampleOf('submission-receipt');
    const request = {
      templateKey: 'submission-receipt' as const,
      locale: 'fr' as const,
      data,
      caseId: 'case-tpl',
      vendorId: null,
      title: 'Accusé de réception',
    };
    const before = await bus.request(renderPdf, request, { timeoutMs: 60_000 });
    expect(before.templateVersion).toBe(1);

    const incert = await operator(system.baseUrl, 'incert');
    expect((await incert.get('/api/documents/templates')).status).toBe(200);
    expect((await incert.post('/api/documents/templates/submission-receipt/drafts', {})).status).toBe(403);

    const draft = await admin.post<Version>('/api/documents/templates/submission-receipt/drafts', {
      changeNote: 'Mention de la version',
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ version: 2, status: 'draft' });

    // Triple-stash (unescaped output) is refused with the engine's error; the draft keeps its last good source.
    const unsafe = await admin.put<{ code: string; detail: string }>('/api/documents/templates/submission-receipt/versions/2', {
      locales: { fr: `${draft.body.locales.fr}<p>{{{vendor.name}}}</p>` },
    });
    expect(unsafe.status).toBe(400);
    expect(unsafe.body.code).toBe('TEMPLATE_INVALID');
    const unknownHelper = await admin.put<{ code: string }>('/api/documents/templates/submission-receipt/versions/2', {
      locales: { fr: `{{shell "rm"}}${draft.body.locales.fr}` },
    });
    expect(unknownHelper.body.code).toBe('TEMPLATE_INVALID');

    const changed = await admin.put<Version>('/api/documents/templates/submission-receipt/versions/2', {
      locales: { fr: `<p class="notice">Modèle révisé Quokka</p>${draft.body.locales.fr}` },
    });
    expect(changed.status).toBe(200);

    const preview = await admin.post<{ attachmentId: string; pages: number }>(
      '/api/documents/templates/submission-receipt/versions/2/preview',
      { locale: 'fr' },
    );
    expect(preview.status).toBe(200);
    expect(await download(preview.body.attachmentId)).toContain('Modèle révisé Quokka');
    // Still a draft: renders keep using version 1.
    const stillV1 = await bus.request(renderPdf, request, { timeoutMs: 60_000 });
    expect(stillV1.templateVersion).toBe(1);

    const published = await admin.post<Version>('/api/documents/templates/submission-receipt/versions/2/publish');
    expect(published.body).toMatchObject({ version: 2, status: 'published' });
    expect((await admin.get<Version>('/api/documents/templates/submission-receipt/versions/1')).body.status).toBe('retired');
    // A published version never changes.
    expect((await admin.put('/api/documents/templates/submission-receipt/versions/2', { css: 'p{}' })).status).toBe(409);

    const after = await bus.request(renderPdf, request, { timeoutMs: 60_000 });
    expect(after.templateVersion).toBe(2);
    expect(await download(after.attachmentId)).toContain('Modèle révisé Quokka');

    // Re-render with the version the first document used: the same text (only the reference differs).
    const again = await bus.request(renderPdf, { ...request, templateVersion: 1 }, { timeoutMs: 60_000 });
    expect(again.templateVersion).toBe(1);
    const [first, second] = await Promise.all([download(before.attachmentId), download(again.attachmentId)]);
    expect(second).not.toContain('Quokka');
    expect(second.replaceAll(again.reference, 'REF')).toEqual(first.replaceAll(before.reference, 'REF'));
  });

  it('should answer busy with a retryable 503 at once when the queue is full, and render the others', async () => {
    const data = await sampleOf('invoice');
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        bus.request(
          renderPdf,
          { templateKey: 'invoice', data, caseId: `case-busy-${i}`, vendorId: null, title: `Facture ${i}` },
          { timeoutMs: 60_000 },
        ),
      ),
    );
    const busy = results.filter((r) => r.status === 'rejected').map((r) => r.reason as DomainError);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    for (const error of busy) expect(error.body).toMatchObject({ code: 'RENDERER_BUSY', status: 503, retryable: true });
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(2);
  });
});
