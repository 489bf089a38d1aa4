// The idempotent consumer against the real NATS server (JetStream) and a real SQLite database: batches, duplicates,
// a failing event in the middle of a batch, and the handler's writes sharing the processed-event transaction.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { enrolmentSubmitted, type CloudEvent } from '@sons/contracts';
import { createOrm, type EntityManager, type MikroORM } from './database.js';
import { DurableConsumer } from './durable-consumer.js';
import { ensureStream } from './jetstream.js';
import { OutboxEvent } from './outbox.entity.js';
import { ProcessedEvent } from './processed-event.entity.js';

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const tag = `dc${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const stream = `TEST_${tag.toUpperCase()}`;
const subjectPrefix = `${tag}.`;
const log = pino({ level: 'silent' });

let nc: NatsConnection;
let js: JetStreamClient;
let dir: string;
let orm: MikroORM;

const event = (caseId = randomUUID(), id = randomUUID()) => ({
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
});

// Distinct Nats-Msg-Id per publication, so a repeated CloudEvent id reaches the consumer like a redelivery would.
const publish = (events: ReturnType<typeof event>[]) =>
  Promise.all(
    events.map((e) => js.publish(`${subjectPrefix}${enrolmentSubmitted.subject}`, JSON.stringify(e), { msgID: randomUUID() })),
  );

const rows = async (durable: string) =>
  Number(
    (
      await orm.em
        .getConnection()
        .execute<[{ n: number }]>('select count(*) as n from processed_event where consumer = ?', [durable])
    )[0].n,
  );

const until = async (check: () => boolean | Promise<boolean>, what: string) => {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

// ackWaitMs 2 s: events already on their way to a consumer when it stops come back after that (see the resume test).
const consumer = (
  durable: string,
  deliverFrom: { sequence: number },
  handler: (event: CloudEvent, em: EntityManager) => Promise<void>,
  batchSize?: number,
) =>
  new DurableConsumer({
    nc,
    orm,
    stream,
    subjectPrefix,
    durable,
    subjects: [enrolmentSubmitted.subject],
    handler,
    log,
    deliverFrom,
    ackWaitMs: 2000,
    ...(batchSize ? { batchSize } : {}),
  });

// The handler's write, in the consumer's transaction.
const effect = (em: EntityManager, id: string, consumerName: string) =>
  em.execute('insert into effect values (?, ?)', [id, consumerName], 'run');

beforeAll(async () => {
  nc = await connect({ servers: natsUrl, name: 'durable-consumer-spec' });
  await ensureStream(nc, { name: stream, subjectPrefix, retentionDays: 1, replicas: 1 });
  js = jetstream(nc);
  dir = mkdtempSync(join(tmpdir(), 'sons-dc-'));
  orm = await createOrm({
    service: 'dc',
    entities: [ProcessedEvent, OutboxEvent],
    migrations: { sqlite: [], postgresql: [] },
    dataDir: dir,
  });
  const connection = orm.em.getConnection();
  await connection.execute(
    'create table processed_event (consumer text not null, event_id text not null, processed_at datetime not null, primary key (consumer, event_id))',
  );
  await connection.execute('create table effect (event_id text not null, consumer text not null)');
});

afterAll(async () => {
  await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
  await nc.drain();
  await orm.close(true);
  rmSync(dir, { recursive: true, force: true });
});

// Each test reads only what it published: the stream is shared, so a durable starts after the current last sequence.
const fromNow = async () => ({ sequence: (await (await jetstreamManager(nc)).streams.info(stream)).state.last_seq + 1 });

describe('DurableConsumer', () => {
  it('should hand every event to the handler once, in stream order, and record each id in processed_event', async () => {
    const deliverFrom = await fromNow();
    const events = Array.from({ length: 300 }, () => event());
    await publish(events.slice(0, 150));
    await publish(events.slice(150));
    const seen: string[] = [];
    const dc = consumer('order', deliverFrom, async (e) => void seen.push(e.id), 64);
    await dc.start();
    await until(() => dc.processed >= 300, '300 events');
    await dc.stop();
    expect(seen).toEqual(events.map((e) => e.id));
    expect(await rows('order')).toBe(300);
  });

  it('should run the handler once for an event delivered twice, within one batch and across batches', async () => {
    const first = event();
    const second = event();
    const dc = consumer('dupes', await fromNow(), async (e, em) => void (await effect(em, e.id, 'dupes')));
    await publish([first, first, second]);
    await dc.start();
    await until(() => dc.processed >= 3, 'the first three deliveries');
    await publish([second, first]);
    await until(() => dc.processed >= 5, 'the repeated deliveries');
    await dc.stop();
    const effects = await orm.em
      .getConnection()
      .execute<{ event_id: string }[]>('select event_id from effect where consumer = ? order by rowid', ['dupes']);
    expect(effects.map((r) => r.event_id)).toEqual([first.id, second.id]);
    expect(await rows('dupes')).toBe(2);
  });

  it('should commit the other events of a batch when one fails, and deliver the failing one again until it succeeds', async () => {
    const deliverFrom = await fromNow();
    const events = Array.from({ length: 20 }, () => event());
    const poison = events[7].id;
    let attempts = 0;
    const dc = consumer(
      'poison',
      deliverFrom,
      async (e, em) => {
        await effect(em, e.id, 'poison');
        if (e.id === poison && ++attempts < 3) throw new Error('downstream not ready');
      },
      50,
    );
    await publish(events);
    await dc.start();
    await until(async () => (await rows('poison')) === 19, 'the 19 healthy events');
    expect(attempts).toBeGreaterThanOrEqual(1);
    // Attempts: in the batch, alone after the batch rolled back, then redelivered after its backoff: it succeeds.
    await until(async () => (await rows('poison')) === 20, 'the failing event after its retries');
    await dc.stop();
    expect(attempts).toBe(3);
    // Rolled-back attempts left no effect: each event's effect exists exactly once.
    const effects = await orm.em
      .getConnection()
      .execute<{ event_id: string; n: number }[]>(
        'select event_id, count(*) as n from effect where consumer = ? group by event_id',
        ['poison'],
      );
    expect(effects).toHaveLength(20);
    expect(effects.every((r) => Number(r.n) === 1)).toBe(true);
  });

  it('should resume after a stop from the first unacknowledged event without handling any event twice', async () => {
    const deliverFrom = await fromNow();
    const events = Array.from({ length: 200 }, () => event());
    await publish(events);
    const handled: string[] = [];
    const make = () => consumer('resume', deliverFrom, async (e) => void handled.push(e.id), 10);
    const a = make();
    await a.start();
    await until(() => a.processed >= 50, 'a first part');
    await a.stop();
    const b = make();
    await b.start();
    // Pulled-but-unhandled events are handed back at stop; those still in flight return after the ack wait.
    await until(() => new Set(handled).size === 200, 'the rest after the restart');
    await b.stop();
    expect(handled).toHaveLength(200);
    expect(await rows('resume')).toBe(200);
  });
});
