import type { Logger } from './logger.js';

const STARTUP_STEP_MAX_MS = 60_000;

// Runs one start-up step again after a failure (backoff 0.5 s → 5 s) until it has failed for a minute, then gives up
// with the last error; each failure is logged, so a slow start says what it waits for.
export async function retryStartupStep<T>(
  log: Logger,
  what: string,
  run: () => Promise<T>,
  maxWaitMs = STARTUP_STEP_MAX_MS,
): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const delay = Math.min(5000, 250 * 2 ** Math.min(attempt, 5));
      if (Date.now() - started + delay > maxWaitMs) {
        log.error({ err: error, attempt }, `start-up failed: ${what}`);
        throw error;
      }
      log.warn({ err: (error as Error).message, attempt, retryInMs: delay }, `start-up: ${what} failed, retrying`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

// With SONS_EXIT_WITH_PARENT=on the process stops when its standard input closes: the supervisor that started it
// (`npm start`, the test harness) holds the other end of that pipe, so when the supervisor dies — even by SIGKILL —
// no orphaned service keeps running, polling and holding its port.
export function exitWithParent(log: Logger): void {
  const stdin = process.stdin;
  stdin.on('data', () => undefined);
  stdin.once('end', () => {
    log.warn('the process that started this service is gone (stdin closed): stopping');
    // A graceful stop first (the shutdown hooks drain NATS and close the database), then a hard one.
    setTimeout(() => process.exit(1), 10_000).unref();
    process.kill(process.pid, 'SIGTERM');
  });
  stdin.resume();
  // Reading stdin must not keep an otherwise finished process alive.
  (stdin as { unref?: () => void }).unref?.();
}
