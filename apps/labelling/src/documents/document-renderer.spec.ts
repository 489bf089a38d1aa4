import { jest } from '@jest/globals';
import { pino } from 'pino';
import { DomainError } from '@sons/contracts';
import type { Bus } from '@sons/platform';
import { DocumentRenderer, RENDER_BUDGET_MS } from './document-renderer.js';

// The documents worker never answering: every attempt ends in the bus's own timeout (a retryable 503).
const silentWorker = () => {
  const timeouts: number[] = [];
  const bus = {
    request: jest.fn((_subject: unknown, _body: unknown, options: { timeoutMs: number }) => {
      timeouts.push(options.timeoutMs);
      return new Promise((_, reject) =>
        setTimeout(
          () => reject(new DomainError('SERVICE_UNAVAILABLE', 503, { fr: 'x', en: 'x' }, { retryable: true })),
          options.timeoutMs,
        ),
      );
    }),
  };
  return { bus, timeouts };
};

const request = { templateKey: 'label-attestation', locale: 'fr', data: {}, idempotencyKey: 'k' } as never;

describe('DocumentRenderer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('should give up within its budget, below the gateway’s 90 s, with a retryable « case unchanged » answer', async () => {
    const { bus, timeouts } = silentWorker();
    const renderer = new DocumentRenderer(bus as unknown as Bus, pino({ level: 'silent' }));
    const started = Date.now();
    const outcome = renderer.render(request).then(
      () => null,
      (error: unknown) => ({ error, after: Date.now() - started }),
    );
    await jest.advanceTimersByTimeAsync(RENDER_BUDGET_MS + 1_000);
    const settled = await outcome;
    expect(settled?.error).toBeInstanceOf(DomainError);
    expect((settled?.error as DomainError).body).toMatchObject({
      code: 'DOCUMENT_SERVICE_UNAVAILABLE',
      status: 503,
      retryable: true,
      meta: { templateKey: 'label-attestation', cause: 'SERVICE_UNAVAILABLE' },
    });
    expect(settled!.after).toBeLessThanOrEqual(RENDER_BUDGET_MS);
    expect(RENDER_BUDGET_MS).toBeLessThan(90_000);
    // Two full attempts, then what is left of the budget (never a last attempt too short to render).
    expect(timeouts.length).toBeGreaterThanOrEqual(2);
    expect(timeouts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(RENDER_BUDGET_MS);
  });

  it('should retry a busy worker and return the document it then renders', async () => {
    const rendered = { documentId: 'd1' };
    const bus = {
      request: jest
        .fn<() => Promise<unknown>>()
        .mockRejectedValueOnce(new DomainError('RENDERER_BUSY', 503, { fr: 'x', en: 'x' }, { retryable: true }))
        .mockResolvedValueOnce(rendered),
    };
    const renderer = new DocumentRenderer(bus as unknown as Bus, pino({ level: 'silent' }));
    const outcome = renderer.render(request);
    await jest.advanceTimersByTimeAsync(2_000);
    await expect(outcome).resolves.toBe(rendered);
    expect(bus.request).toHaveBeenCalledTimes(2);
  });

  it('should not retry what will never succeed (bad data)', async () => {
    const bad = new DomainError('TEMPLATE_DATA_INVALID', 400, { fr: 'x', en: 'x' });
    const bus = { request: jest.fn<() => Promise<unknown>>().mockRejectedValue(bad) };
    const renderer = new DocumentRenderer(bus as unknown as Bus, pino({ level: 'silent' }));
    await expect(renderer.render(request)).rejects.toBe(bad);
    expect(bus.request).toHaveBeenCalledTimes(1);
  });
});
