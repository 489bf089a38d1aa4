// The outbox relay against the real NATS server (JetStream) and a real SQLite database, when one publication of a
// batch fails: the others are published and marked once, the failed row stays pending with its error and is retried
// alone until it goes through.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { enrolmentSubmitted } from '@sons/contracts';
import { createOrm, type MikroORM } from './database.js';
import { ensureStream } from './jetstream.js';
import { OutboxRelay } from './outbox.js';
import { OutboxEvent } from './outbox.entity.js';

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const tag = `ob${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const stream = `TEST_${tag.toUpperCase()}`;
const subjectPrefix = `${tag}.`;
// A subject no stream captures: nothing answers its publication (the client reports « jetstream is not enabled »).
const UNROUTED = 'unrouted.enrolment.application.submitted';

let nc: NatsConnection;
let jsm: JetStreamManager;
let dir: string;
let orm: MikroORM;

const stage = async (subjects: string[]): Promise<OutboxEvent[]> => {
  const em = orm.em.fork();
  const rows = subjects.map((natsSubject) => {
    const caseId = randomUUID();
    const eventId = randomUUID();
    return Object.assign(new OutboxEvent(), {
      eventId,
      natsSubject,
      caseId,
      event: { specversion: '1.0', id: eventId, type: enrolmentSubmitted.type, subject: caseId, data: {} },
    });
  });
  await em.persist(rows).flush();
  return rows;
};

const stored = async (eventId: string) => orm.em.fork().findOneOrFail(OutboxEvent, { eventId });
const onStream = async () => (await jsm.streams.info(stream)).state.messages;
const idsOnStream = async (): Promise<string[]> => {
  const ids: string[] = [];
  const last = (await jsm.streams.info(stream)).state.last_seq;
  for (let seq = 1; seq <= last; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (message) ids.push(message.header.get('Nats-Msg-Id'));
  }
  return ids;
};

beforeAll(async () => {
  nc = await connect({ servers: natsUrl, name: 'outbox-spec' });
  jsm = await ensureStream(nc, { name: stream, subjectPrefix, retentionDays: 1, replicas: 1 });
  dir = mkdtempSync(join(tmpdir(), 'sons-outbox-'));
  orm = await createOrm({ service: 'outbox', entities: [OutboxEvent], migrations: { sqlite: [], postgresql: [] }, dataDir: dir });
  await orm.em
    .getConnection()
    .execute(
      'create table outbox_event (position integer not null primary key autoincrement, event_id text not null unique, nats_subject text not null, case_id text not null, event json not null, created_at datetime not null, published_at datetime null, attempts integer not null default 0, last_error text null)',
    );
});

afterAll(async () => {
  await jsm.streams.delete(stream).catch(() => undefined);
  await nc.drain();
  await orm.close(true);
  rmSync(dir, { recursive: true, force: true });
});

describe('OutboxRelay', () => {
  it('should publish and mark the rest of a batch when one publication fails, and retry only the failed row', async () => {
    // Every publication the relay attempts, by event id (the stream's duplicate window would hide a second one).
    const js = jetstream(nc);
    const attempts: string[] = [];
    const counting = new Proxy(js, {
      get: (target, key) =>
        key === 'publish'
          ? (subject: string, payload: Uint8Array, options: { msgID: string }) => {
              attempts.push(options.msgID);
              return target.publish(subject, payload, options);
            }
          : (Reflect.get(target, key) as unknown),
    });
    const relay = new OutboxRelay(orm, counting, subjectPrefix, pino({ level: 'silent' }));
    const ok = enrolmentSubmitted.subject;
    const rows = await stage([ok, ok, UNROUTED, ok, ok]);
    const failed = rows[2];
    const good = rows.filter((r) => r !== failed).map((r) => r.eventId);

    // First pass: the batch reports the failure, yet the four others are on the stream and marked.
    await expect(relay.flush()).rejects.toThrow(/jetstream is not enabled|no responders/i);
    expect(await idsOnStream()).toEqual(good);
    expect(attempts).toEqual(rows.map((r) => r.eventId));
    for (const id of good) expect((await stored(id)).publishedAt).toBeInstanceOf(Date);
    const pending = await stored(failed.eventId);
    expect(pending).toMatchObject({ publishedAt: null, attempts: 1 });
    expect(pending.lastError).toMatch(/jetstream is not enabled|no responders/i);

    // Second pass: only the failed row is tried again; nothing is published twice.
    await expect(relay.flush()).rejects.toThrow(/jetstream is not enabled|no responders/i);
    expect(attempts.slice(5)).toEqual([failed.eventId]);
    expect(await onStream()).toBe(4);
    expect((await stored(failed.eventId)).attempts).toBe(2);

    // Once its subject is routed (here: corrected), it goes through with the next pass, after the others.
    await orm.em.fork().nativeUpdate(OutboxEvent, { eventId: failed.eventId }, { natsSubject: ok });
    expect(await relay.flush()).toBe(1);
    expect(attempts.slice(6)).toEqual([failed.eventId]);
    expect(await idsOnStream()).toEqual([...good, failed.eventId]);
    expect(await stored(failed.eventId)).toMatchObject({ attempts: 2, lastError: null });
    expect((await stored(failed.eventId)).publishedAt).toBeInstanceOf(Date);
    expect(await relay.flush()).toBe(0);
    expect(attempts).toHaveLength(7);
  });
});
