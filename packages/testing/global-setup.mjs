import { join } from 'node:path';
import { ensureNatsServer } from '../../scripts/lib/nats-server.mjs';
import { sweepTestStreams } from './nats-sweep.mjs';

const SIX_HOURS = 6 * 3600 * 1000;

// Runs once in Jest's parent process; the environment it sets reaches every worker.
export default async function globalSetup() {
  process.env.SONS_TEST_RUN_ID ??= `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  process.env.NATS_URL ??= 'nats://127.0.0.1:4222';
  globalThis.__sonsNats = await ensureNatsServer(process.env.NATS_URL, join(process.cwd(), 'var', 'nats-test'));
  // Streams of test runs that were killed before their end (each run removes its own when it ends).
  await sweepTestStreams(process.env.NATS_URL, { olderThanMs: SIX_HOURS }).catch(() => undefined);
}
