import { sweepTestStreams } from './nats-sweep.mjs';

export default async function globalTeardown() {
  // Whatever a test of this run left on the NATS server (each system removes its own when it stops).
  await sweepTestStreams(process.env.NATS_URL, { runId: process.env.SONS_TEST_RUN_ID }).catch(() => undefined);
  await globalThis.__sonsNats?.stop();
}
