// The event stream's setup against the real NATS server: created once, then kept in line with the settings.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ensureStream, streamSubjects } from './jetstream.js';

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const tag = `js${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const name = `TEST_${tag.toUpperCase()}`;
const DAY_NS = 24 * 3600 * 1000 * 1_000_000;
let nc: NatsConnection;

beforeAll(async () => {
  nc = await connect({ servers: natsUrl, name: 'jetstream-spec' });
});
afterAll(async () => {
  await (await jetstreamManager(nc)).streams.delete(name).catch(() => undefined);
  await nc.drain();
});

describe('ensureStream', () => {
  it('should create the stream with every catalogue subject, then follow a changed retention without losing events', async () => {
    const jsm = await ensureStream(nc, { name, subjectPrefix: `${tag}.`, retentionDays: 30, replicas: 1 });
    const created = await jsm.streams.info(name);
    expect(created.config.subjects).toEqual(streamSubjects(`${tag}.`));
    expect(created.config.max_age).toBe(30 * DAY_NS);
    await nc.request(created.config.subjects[0], new TextEncoder().encode('{}'));

    await ensureStream(nc, { name, subjectPrefix: `${tag}.`, retentionDays: 365, replicas: 1 });
    const updated = await jsm.streams.info(name);
    expect(updated.config.max_age).toBe(365 * DAY_NS);
    expect(updated.state.messages).toBe(1);

    // The same settings again change nothing.
    await ensureStream(nc, { name, subjectPrefix: `${tag}.`, retentionDays: 365, replicas: 1 });
    expect((await jsm.streams.info(name)).config).toEqual(updated.config);
  });
});
