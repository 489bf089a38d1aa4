// Fan-out replay: 10 000 case events published to a scratch stream, then replayed to a brand-new durable consumer
// in one run — through our DurableConsumer helper (CloudEvent + contract parsing, one transaction per batch writing
// the processed_event rows in SQLite; then again with one transaction per event) and through a raw JetStream consume
// loop (decode JSON, ack).
// Run: npm run bench:fanout   (or node_modules/.bin/tsx bench/fanout.ts after a build; BENCH_EVENTS, NATS_URL)
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { pino } from 'pino';
import { EVENT_CATALOGUE, enrolmentSubmitted } from '@sons/contracts';
import { DurableConsumer, OutboxEvent, ProcessedEvent, createOrm, ensureStream } from '@sons/platform';

// The embedded SQLite driver needs node:sqlite (Node ≥ 22): when started by the machine's Node 20 (e.g.
// `node_modules/.bin/tsx bench/fanout.ts` outside npm), run again on the project's Node 24.
if (Number(process.versions.node.split('.')[0]) < 22) {
  const bin = resolve(import.meta.dirname, '..', 'node_modules', '.bin');
  const again = spawnSync(join(bin, 'tsx'), [fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
  });
  process.exit(again.status ?? 1);
}

const total = Number(process.env.BENCH_EVENTS ?? 10_000);
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const tag = `f${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const stream = `BENCH_FANOUT_${tag.toUpperCase()}`;
const subjectPrefix = `bench${tag}.`;
const log = pino({ level: 'silent' });
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

const nc = await connect({ servers: natsUrl, name: 'bench-fanout' });
const dir = mkdtempSync(join(tmpdir(), 'sons-fanout-'));
try {
  const jsm = await ensureStream(nc, { name: stream, subjectPrefix, retentionDays: 1, replicas: 1 });
  const js = jetstream(nc);

  // 1. Publish (pipelined, 500 in flight), each a valid CloudEvent with Nats-Msg-Id = id.
  const publishStarted = performance.now();
  for (let start = 0; start < total; start += 500) {
    const batch = [];
    for (let i = start; i < Math.min(total, start + 500); i++) {
      const id = randomUUID();
      const caseId = randomUUID();
      const event = {
        specversion: '1.0',
        id,
        source: '/sons/enrolment',
        type: enrolmentSubmitted.type,
        subject: caseId,
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        dataschema: `http://localhost:3000/api/events/schemas/${enrolmentSubmitted.type}.json`,
        sequence: 1,
        data: { enrolmentId: caseId, vendorId: randomUUID(), status: 'submitted', personType: 'legal' },
      };
      batch.push(js.publish(`${subjectPrefix}${enrolmentSubmitted.subject}`, JSON.stringify(event), { msgID: id }));
    }
    await Promise.all(batch);
  }
  const publishMs = performance.now() - publishStarted;
  const info = await jsm.streams.info(stream);
  if (info.state.messages !== total) throw new Error(`stream holds ${info.state.messages} events, expected ${total}`);

  // 2. Raw JetStream: a new durable pull consumer, consume(), JSON.parse, ack.
  const raw = async (durable: string): Promise<number> => {
    await jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: `${subjectPrefix}sons.>`,
    });
    const consumer = await js.consumers.get(stream, durable);
    const started = performance.now();
    const messages = await consumer.consume({ max_messages: 256 });
    let n = 0;
    for await (const msg of messages) {
      JSON.parse(new TextDecoder().decode(msg.data));
      msg.ack();
      if (++n === total) break;
    }
    const ms = performance.now() - started;
    await jsm.consumers.delete(stream, durable);
    return ms;
  };

  // 3. Our helper: DurableConsumer with a SQLite processed_event table (one transaction per batch by default; with
  // batchSize 1, one transaction per event, for comparison).
  const helper = async (durable: string, batchSize?: number): Promise<number> => {
    const orm = await createOrm({
      service: `fanout-${durable}`,
      entities: [ProcessedEvent, OutboxEvent],
      migrations: { sqlite: [], postgresql: [] },
      dataDir: dir,
    });
    await orm.em
      .getConnection()
      .execute(
        'create table processed_event (consumer text not null, event_id text not null, processed_at datetime not null, primary key (consumer, event_id))',
      );
    const consumer = new DurableConsumer({
      nc,
      orm,
      stream,
      subjectPrefix,
      durable,
      subjects: EVENT_CATALOGUE.map((e) => e.subject),
      handler: async () => undefined,
      log,
      ...(batchSize ? { batchSize } : {}),
    });
    const started = performance.now();
    await consumer.start();
    while (consumer.processed < total) await new Promise((resolve) => setTimeout(resolve, 5));
    const ms = performance.now() - started;
    await consumer.stop();
    const [{ n }] = (await orm.em.getConnection().execute('select count(*) as n from processed_event')) as [{ n: number }];
    if (Number(n) !== total) throw new Error(`processed_event holds ${n} rows, expected ${total}`);
    await orm.close(true);
    await jsm.consumers.delete(stream, durable);
    return ms;
  };

  await raw('warmup'); // reads the stream once so every measured run finds it equally warm
  const rawMs = await raw('raw');
  const helperMs = await helper('helper');
  const singleMs = await helper('single', 1);

  const rawRate = rate(total, rawMs);
  const helperRate = rate(total, helperMs);
  const ratio = helperRate / rawRate;
  console.log(`fan-out replay of ${total} events (stream ${stream}, NATS ${natsUrl})`);
  console.log(`  publish (500 in flight)                  ${Math.round(publishMs)} ms  ${rate(total, publishMs)} events/s`);
  console.log(`  raw JetStream consume loop               ${Math.round(rawMs)} ms  ${rawRate} events/s`);
  console.log(`  DurableConsumer + SQLite (platform)      ${Math.round(helperMs)} ms  ${helperRate} events/s`);
  console.log(
    `  ratio DurableConsumer / raw              ${ratio.toFixed(2)}×  (target ≥ 0.50×: ${ratio >= 0.5 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `  same, batchSize 1 (transaction per event) ${Math.round(singleMs)} ms  ${rate(total, singleMs)} events/s  (${(rate(total, singleMs) / rawRate).toFixed(2)}× raw)`,
  );
} finally {
  await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
  await nc.drain();
  rmSync(dir, { recursive: true, force: true });
}
