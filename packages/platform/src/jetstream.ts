import { jetstreamManager, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { EVENT_CATALOGUE } from '@sons/contracts';

const NANOS_PER_MS = 1_000_000;

export type StreamSettings = { name: string; subjectPrefix: string; retentionDays: number; replicas: number };

export const streamSubjects = (subjectPrefix: string): string[] => EVENT_CATALOGUE.map((e) => `${subjectPrefix}${e.subject}`);

// The durable stream of case events: file storage, a retention window, a dedup window for the outbox relay.
// Idempotent: adds missing subjects when the catalogue grows, and follows a changed retention or replica count.
export async function ensureStream(nc: NatsConnection, settings: StreamSettings): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  const subjects = streamSubjects(settings.subjectPrefix);
  const config = {
    name: settings.name,
    subjects,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    max_age: settings.retentionDays * 24 * 3600 * 1000 * NANOS_PER_MS,
    duplicate_window: 10 * 60 * 1000 * NANOS_PER_MS,
    num_replicas: settings.replicas,
  };
  try {
    const info = await jsm.streams.info(settings.name);
    const missing = subjects.filter((s) => !info.config.subjects?.includes(s));
    // A changed retention or replica count (SONS_EVENT_RETENTION_DAYS, SONS_STREAM_REPLICAS) applies to the existing
    // stream too; NATS moves or trims the data itself.
    const changed = info.config.max_age !== config.max_age || info.config.num_replicas !== config.num_replicas;
    if (missing.length || changed)
      await jsm.streams.update(settings.name, {
        ...info.config,
        subjects: [...(info.config.subjects ?? []), ...missing],
        max_age: config.max_age,
        num_replicas: config.num_replicas,
      });
  } catch (error) {
    if (!/stream not found/i.test((error as Error).message)) throw error;
    try {
      await jsm.streams.add(config);
    } catch (addError) {
      // Another service created it at the same moment.
      if (!/already in use|exists/i.test((addError as Error).message)) throw addError;
      return ensureStream(nc, settings);
    }
  }
  return jsm;
}
