import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

// Test systems name their streams, key-value buckets and object stores after the run id (`r` + base-36 start time +
// 4 random characters): SONS_R<id>_<system>, KV_sons_<bucket>_tr<id><system>, OBJ_sons_<bucket>_tr<id><system>.
const RUN_IN_NAME = /(?:^sons_|_t)r([0-9a-z]{8})[0-9a-z]{4}/;

// Deletes what test runs left on the shared NATS server: everything of `runId` (end of a run), or everything of runs
// that started more than `olderThanMs` ago (start of a run: a run that was killed never cleaned up). Runs that may
// still be going are left alone. Returns how many streams were deleted.
export async function sweepTestStreams(url, { runId, olderThanMs } = {}) {
  const nc = await connect({ servers: url, name: 'sons-test-sweep', timeout: 5000 });
  try {
    const jsm = await jetstreamManager(nc);
    const doomed = [];
    for await (const name of jsm.streams.names()) {
      const lower = name.toLowerCase();
      const match = RUN_IN_NAME.exec(lower);
      if (!match) continue;
      if (runId && lower.includes(runId.toLowerCase())) doomed.push(name);
      else if (olderThanMs && Date.now() - parseInt(match[1], 36) > olderThanMs) doomed.push(name);
    }
    for (const name of doomed) await jsm.streams.delete(name).catch(() => undefined);
    return doomed.length;
  } finally {
    await nc.close();
  }
}
