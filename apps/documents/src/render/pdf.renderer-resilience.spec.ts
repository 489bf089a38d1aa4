import { createPdfRenderer, type PdfRenderer } from './pdf.renderer.js';
import {
  RenderTimeoutError,
  RendererBusyError,
  RendererClosedError,
  RendererCrashedError,
  isRetryableRenderError,
} from './render.exception.js';
import type { RenderInput, RenderResult, SeedTemplate } from './render.types.js';
import { loadSeedTemplates } from './seed-templates.loader.js';
import { buildVerifyUrl } from './verification.qr.js';

const CHROMIUM = '/usr/bin/chromium';

// Polls instead of sleeping: the assertion is retried until it passes or the time is up.
const eventually = async (assertion: () => void, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};

const processExists = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

type Outcome = { label: string; result?: RenderResult; error?: unknown };

const settle = (label: string, promise: Promise<RenderResult>, order: string[]): Promise<Outcome> =>
  promise.then(
    (result) => {
      order.push(label);
      return { label, result };
    },
    (error: unknown) => {
      order.push(label);
      return { label, error };
    },
  );

describe('createPdfRenderer under load and failures', () => {
  let attestation: SeedTemplate;
  let receipt: SeedTemplate;
  const renderers: PdfRenderer[] = [];

  const input = (reference: string, template: SeedTemplate = attestation, data: unknown = template.sample): RenderInput => ({
    template,
    locale: 'fr',
    data,
    reference,
    verifyUrl: buildVerifyUrl('https://sons.esante.lu', reference),
    metadata: { title: template.title.fr, author: 'Agence eSanté', subject: template.key, language: 'fr-LU' },
  });

  const newRenderer = (options: Partial<Parameters<typeof createPdfRenderer>[0]>): PdfRenderer => {
    const renderer = createPdfRenderer({ executablePath: CHROMIUM, pages: 1, queueLimit: 2, ...options });
    renderers.push(renderer);
    return renderer;
  };

  beforeAll(async () => {
    const templates = await loadSeedTemplates();
    attestation = templates.find((template) => template.key === 'test-success-attestation') as SeedTemplate;
    receipt = templates.find((template) => template.key === 'submission-receipt') as SeedTemplate;
  });

  afterAll(async () => {
    await Promise.all(renderers.map((renderer) => renderer.close()));
  });

  describe('with one page and a queue of two', () => {
    let renderer: PdfRenderer;

    beforeAll(async () => {
      renderer = newRenderer({ pages: 1, queueLimit: 2 });
      await renderer.warmUp();
    });

    it('should answer busy at once when every page is rendering and the queue is full', async () => {
      const order: string[] = [];

      const outcomes = Array.from({ length: 5 }, (_, index) =>
        settle(`r${index}`, renderer.render(input(`DOC-BUSY-${index}`)), order),
      );
      const during = renderer.stats();
      const results = await Promise.all(outcomes);

      expect(during).toEqual(expect.objectContaining({ inFlight: 1, queued: 2 }));
      // The refused calls settle before any accepted render finishes: nothing waits on a full queue.
      expect(order.slice(0, 2).sort()).toEqual(['r3', 'r4']);
      for (const refused of results.slice(3)) {
        expect(refused.error).toBeInstanceOf(RendererBusyError);
        expect(isRetryableRenderError(refused.error)).toBe(true);
      }
      for (const accepted of results.slice(0, 3)) {
        expect(accepted.result?.pdf.subarray(0, 5).toString()).toBe('%PDF-');
      }
      expect(renderer.stats()).toEqual(expect.objectContaining({ inFlight: 0, queued: 0, rejectedBusy: 2 }));
    });

    it('should fail the in-flight render retryably and serve the queued ones when Chromium is killed', async () => {
      const before = renderer.stats();
      const killedPid = before.browserPid as number;
      expect(processExists(killedPid)).toBe(true);
      const order: string[] = [];

      const inFlight = settle('in-flight', renderer.render(input('DOC-CRASH-1')), order);
      const queued = [
        settle('queued-1', renderer.render(input('DOC-CRASH-2')), order),
        settle('queued-2', renderer.render(input('DOC-CRASH-3')), order),
      ];
      process.kill(killedPid, 'SIGKILL');

      const crashed = await inFlight;
      expect(crashed.error).toBeInstanceOf(RendererCrashedError);
      expect(isRetryableRenderError(crashed.error)).toBe(true);
      for (const outcome of await Promise.all(queued)) {
        expect(outcome.error).toBeUndefined();
        expect(outcome.result?.pages).toBeGreaterThanOrEqual(1);
      }
      const after = renderer.stats();
      expect(after.crashes).toBe(before.crashes + 1);
      expect(after.browserLaunches).toBe(before.browserLaunches + 1);
      expect(after.browserPid).not.toBe(killedPid);
      expect(processExists(killedPid)).toBe(false);

      const next = await renderer.render(input('DOC-CRASH-4'));
      expect(next.pages).toBeGreaterThanOrEqual(1);
    });

    it('should let accepted renders finish, then stop Chromium and refuse new work when closed', async () => {
      const pid = renderer.stats().browserPid as number;
      const order: string[] = [];

      const accepted = [
        settle('a', renderer.render(input('DOC-CLOSE-1')), order),
        settle('b', renderer.render(input('DOC-CLOSE-2')), order),
      ];
      const closed = renderer.close().then(() => order.push('closed'));
      const refused = await renderer.render(input('DOC-CLOSE-3')).catch((error: unknown) => error);
      await closed;

      expect(refused).toBeInstanceOf(RendererClosedError);
      expect(order).toEqual(['a', 'b', 'closed']);
      for (const outcome of await Promise.all(accepted)) expect(outcome.result?.pages).toBeGreaterThanOrEqual(1);
      expect(renderer.stats()).toEqual(expect.objectContaining({ closed: true, inFlight: 0, browserPid: null }));
      await eventually(() => expect(processExists(pid)).toBe(false));
    });
  });

  it('should replace the browser when it has served restartAfter renders', async () => {
    const renderer = newRenderer({ restartAfter: 2 });

    await renderer.render(input('DOC-RESTART-1'));
    const firstPid = renderer.stats().browserPid as number;
    await renderer.render(input('DOC-RESTART-2'));
    await renderer.render(input('DOC-RESTART-3'));

    const stats = renderer.stats();
    expect(stats.browserLaunches).toBe(2);
    expect(stats.rendered).toBe(3);
    expect(stats.rendersOnCurrentBrowser).toBe(1);
    expect(stats.browserPid).not.toBe(firstPid);
    await eventually(() => expect(processExists(firstPid)).toBe(false));
  });

  it('should reject retryably and recover on a fresh browser when a render exceeds renderTimeoutMs', async () => {
    const renderer = newRenderer({ renderTimeoutMs: 3_000, closeTimeoutMs: 1_000 });
    await renderer.warmUp();
    const stuckPid = renderer.stats().browserPid as number;
    // The schema's most rows (5 000), each several lines long: far over the 3 s limit even on a quiet machine
    // (5 000 one-line rows, ~220 pages, took under 3 s on one).
    const rows = Array.from({ length: 5_000 }, (_, index) => ({ label: `Champ ${index}`, value: `Valeur ${index} `.repeat(40) }));
    const startedAt = Date.now();

    const error = await renderer
      .render(input('DOC-SLOW-1', receipt, { ...receipt.sample, rows }))
      .catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(RenderTimeoutError);
    expect(isRetryableRenderError(error)).toBe(true);
    expect(Date.now() - startedAt).toBeLessThan(3_000 + 2_000);
    expect(renderer.stats().timeouts).toBe(1);
    await eventually(() => expect(processExists(stuckPid)).toBe(false));

    await renderer.warmUp();
    const next = await renderer.render(input('DOC-SLOW-2'));
    expect(next.pages).toBeGreaterThanOrEqual(1);
    expect(renderer.stats().browserPid).not.toBe(stuckPid);
  });
});
