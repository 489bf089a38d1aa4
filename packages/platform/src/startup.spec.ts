import { jest } from '@jest/globals';
import type { Logger } from './logger.js';
import { retryStartupStep } from './startup.js';

const recordingLog = () => {
  const warnings: string[] = [];
  const errors: string[] = [];
  const log = { warn: (_: unknown, m: string) => warnings.push(m), error: (_: unknown, m: string) => errors.push(m) };
  return { log: log as unknown as Logger, warnings, errors };
};

describe('retryStartupStep', () => {
  afterEach(() => jest.useRealTimers());

  it('should run the step again after a failure and return its result, saying what it waits for', async () => {
    jest.useFakeTimers();
    const { log, warnings } = recordingLog();
    let calls = 0;
    const step = retryStartupStep(log, 'event stream', async () => {
      calls += 1;
      if (calls < 3) throw new Error('TimeoutError');
      return 'ready';
    });
    await jest.advanceTimersByTimeAsync(5_000);
    await expect(step).resolves.toBe('ready');
    expect(calls).toBe(3);
    expect(warnings).toEqual(['start-up: event stream failed, retrying', 'start-up: event stream failed, retrying']);
  });

  it('should give up with the last error once the step has failed for longer than allowed', async () => {
    jest.useFakeTimers();
    const { log, errors } = recordingLog();
    let calls = 0;
    const step = retryStartupStep(
      log,
      'programme data',
      async () => {
        calls += 1;
        throw new Error(`attempt ${calls}`);
      },
      10_000,
    );
    const outcome = step.then(
      () => 'resolved',
      (e: unknown) => (e as Error).message,
    );
    await jest.advanceTimersByTimeAsync(20_000);
    // 0.5 s, 1 s, 2 s, 4 s of waiting fit in 10 s; the next wait (5 s) would not.
    expect(await outcome).toBe('attempt 5');
    expect(errors).toEqual(['start-up failed: programme data']);
  });
});
