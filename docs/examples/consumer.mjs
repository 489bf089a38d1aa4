#!/usr/bin/env node
// A durable JetStream consumer of SONS case events — the starting point for a downstream system that speaks NATS.
// Run from the repository (it uses the repository's @nats-io packages), against the local stream started by `npm start`:
//
//   node_modules/.bin/node docs/examples/consumer.mjs --durable my-system --filter 'sons.enrolment.>'
//   node_modules/.bin/node docs/examples/consumer.mjs --durable replay-1 --from-time 2026-01-01T00:00:00Z --max 100
//
// Options (each also readable from the environment variable in brackets):
//   --nats URL          NATS server (NATS_URL, default nats://127.0.0.1:4222)
//   --stream NAME       stream name (SONS_STREAM, default SONS_EVENTS)
//   --prefix P          subject prefix of the deployment, e.g. "t1." in test runs (SONS_SUBJECT_PREFIX, default "")
//   --filter SUBJECT    NATS subject filter without the prefix: "sons.>" (all), "sons.enrolment.>", one subject…
//   --durable NAME      durable consumer name: the server remembers what this consumer acknowledged (default example-consumer)
//   --from-seq N        replay from stream sequence N (only when the durable is created)
//   --from-time ISO     replay from a time: the time the stream stored the event (only when the durable is created)
//   --max N             exit after N events
//   --idle-exit-ms MS   exit when no event arrived for MS milliseconds
//   --json              print each event as one JSON line (default: a short human-readable line)
//   --delete            delete the durable consumer on exit (demos and tests)
import { parseArgs } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';

const { values: opts } = parseArgs({
  options: {
    nats: { type: 'string', default: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' },
    stream: { type: 'string', default: process.env.SONS_STREAM ?? 'SONS_EVENTS' },
    prefix: { type: 'string', default: process.env.SONS_SUBJECT_PREFIX ?? '' },
    filter: { type: 'string', default: 'sons.>' },
    durable: { type: 'string', default: 'example-consumer' },
    'from-seq': { type: 'string' },
    'from-time': { type: 'string' },
    max: { type: 'string' },
    'idle-exit-ms': { type: 'string' },
    json: { type: 'boolean', default: false },
    delete: { type: 'boolean', default: false },
  },
});

const nc = await connect({ servers: opts.nats, name: `sons-example-${opts.durable}` });
const jsm = await jetstreamManager(nc);

// Where a new durable starts: the whole retained history, a stream sequence, or a point in time. An existing durable
// always resumes after the last event it acknowledged — replay again by creating a durable with a new name.
const start = opts['from-seq']
  ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Number(opts['from-seq']) }
  : opts['from-time']
    ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(opts['from-time']).toISOString() }
    : { deliver_policy: DeliverPolicy.All };

try {
  await jsm.consumers.info(opts.stream, opts.durable);
} catch {
  await jsm.consumers.add(opts.stream, {
    durable_name: opts.durable,
    filter_subject: `${opts.prefix}${opts.filter}`,
    ack_policy: AckPolicy.Explicit,
    ack_wait: 30_000_000_000, // 30 s (nanoseconds) to process an event before the server redelivers it
    max_deliver: -1,
    ...start,
  });
}

const consumer = await jetstream(nc).consumers.get(opts.stream, opts.durable);
const messages = await consumer.consume({ max_messages: 100 });
const max = opts.max ? Number(opts.max) : Infinity;
const idleMs = opts['idle-exit-ms'] ? Number(opts['idle-exit-ms']) : 0;
let idleTimer = null;
const armIdle = () => {
  if (!idleMs) return;
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void messages.close(), idleMs);
};
armIdle();

let count = 0;
for await (const msg of messages) {
  armIdle();
  const event = msg.json(); // a CloudEvents 1.0 structured JSON event
  // Idempotency: JetStream delivers at least once. Keep event.id (= the Nats-Msg-Id header) of what you processed and
  // skip a repeat; order the events of one case by event.sequence (per case) — event.subject is the case id.
  const line = opts.json
    ? JSON.stringify({
        streamSeq: msg.seq,
        storedAt: msg.time.toISOString(),
        natsSubject: msg.subject,
        natsMsgId: msg.headers?.get('Nats-Msg-Id') ?? null,
        redelivered: msg.redelivered,
        event,
      })
    : `#${msg.seq} ${event.time} ${event.type} case=${event.subject} seq=${event.sequence} id=${event.id}`;
  process.stdout.write(`${line}\n`);
  msg.ack();
  if (++count >= max) break;
}

clearTimeout(idleTimer);
if (opts.delete) await jsm.consumers.delete(opts.stream, opts.durable).catch(() => undefined);
await nc.drain();
process.stderr.write(`consumer ${opts.durable}: ${count} event(s)\n`);
