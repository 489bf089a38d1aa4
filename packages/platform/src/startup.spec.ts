import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
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

describe('exitWithParent', () => {
  it('should stop the process when the pipe on its standard input closes (its supervisor is gone)', async () => {
    const startup = resolve(import.meta.dirname ?? '.', '..', 'dist', 'startup.js');
    // A process that would run forever, watching its stdin like a service started with SONS_EXIT_WITH_PARENT=on.
    const script = `import(${JSON.stringify(startup)}).then(({ exitWithParent }) => {
      exitWithParent({ warn: (m) => process.stdout.write(m + '\\n') });
      setInterval(() => undefined, 1000);
      process.stdout.write('watching\\n');
    });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((r) => child.once('exit', (code, signal) => r(signal ?? code)));
    await expectEventuallyTrue(() => output.includes('watching'));
    child.stdin.end();
    expect(await exited).toBe('SIGTERM');
    expect(output).toMatch(/stdin closed/);
  });
});

async function expectEventuallyTrue(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(check()).toBe(true);
}
