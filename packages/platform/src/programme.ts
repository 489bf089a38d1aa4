import { StorageType } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  DEFAULT_PROGRAMME,
  DomainError,
  MILESTONE_LABELS,
  programmeSettingsSchema,
  type Milestone,
  type ProgrammeSettings,
} from '@sons/contracts';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

const KEY = 'settings';

// Programme dates are Luxembourg dates: 2025-05-01T00:00+02:00 is "2025-05-01", not the UTC day before.
export const luxDate = (at: Date): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Luxembourg' }).format(at);
// The instant a Luxembourg day ("2026-03-29") begins: its UTC midnight moved back by the Luxembourg offset of that
// morning (+01:00 in winter, +02:00 in summer; the clocks change at 02:00/03:00, never at midnight).
export const luxDayStart = (day: string): Date => {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(utcMidnight.getTime())) throw new RangeError(`not a date: ${day}`);
  const wall = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Luxembourg',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(utcMidnight);
  const offsetMs = new Date(`${wall.replace(' ', 'T')}Z`).getTime() - utcMidnight.getTime();
  return new Date(utcMidnight.getTime() - offsetMs);
};
const encoder = new TextEncoder();

// Programme data lives in a NATS KV bucket (history kept): every process watches it, so an operator's change
// reaches every service within moments, without a restart. Reads go through one clock.
export class Programme {
  private current: ProgrammeSettings = DEFAULT_PROGRAMME;
  private kv: KV | null = null;
  private revision = 0;

  constructor(
    private readonly clock: Clock,
    private readonly log?: Logger,
  ) {}

  static bucketName(subjectPrefix: string): string {
    return `sons_programme${subjectPrefix ? `_${subjectPrefix.replace(/[^A-Za-z0-9]/g, '')}` : ''}`;
  }

  // replicas: as the event stream's (SONS_STREAM_REPLICAS), so a NATS cluster keeps this data as safely as the events.
  async connect(nc: NatsConnection, bucket: string, replicas = 1): Promise<void> {
    this.kv = await new Kvm(nc).create(bucket, { history: 64, replicas, storage: StorageType.File });
    try {
      await this.kv.create(KEY, encoder.encode(JSON.stringify(DEFAULT_PROGRAMME)));
    } catch {
      // already seeded
    }
    const entry = await this.kv.get(KEY);
    if (entry) this.apply(entry.json(), entry.revision);
    const watcher = await this.kv.watch({ key: KEY });
    void (async () => {
      for await (const e of watcher) if (e.operation === 'PUT') this.apply(e.json(), e.revision);
    })();
  }

  private apply(raw: unknown, revision: number): void {
    const parsed = programmeSettingsSchema.safeParse(raw);
    if (!parsed.success) {
      this.log?.error({ revision }, 'ignoring invalid programme settings revision');
      return;
    }
    this.current = parsed.data;
    this.revision = revision;
  }

  settings(): ProgrammeSettings & { revision: number } {
    return { ...this.current, revision: this.revision };
  }

  async update(next: ProgrammeSettings): Promise<number> {
    if (!this.kv) throw new Error('programme not connected');
    const revision = await this.kv.put(KEY, encoder.encode(JSON.stringify(programmeSettingsSchema.parse(next))));
    this.apply(next, revision);
    return revision;
  }

  async history(): Promise<{ revision: number; at: string; settings: ProgrammeSettings }[]> {
    if (!this.kv) return [];
    const out: { revision: number; at: string; settings: ProgrammeSettings }[] = [];
    for await (const e of await this.kv.history({ key: KEY })) {
      if (e.operation === 'PUT') out.push({ revision: e.revision, at: e.created.toISOString(), settings: e.json() });
    }
    return out.reverse();
  }

  now(): Date {
    return this.clock.now();
  }

  date(milestone: Milestone): Date | null {
    const value = this.current.calendar[milestone];
    return value ? new Date(value) : null;
  }

  // True once the milestone's date has come (false when the milestone is not dated yet).
  reached(milestone: Milestone): boolean {
    const at = this.date(milestone);
    return at !== null && this.clock.now() >= at;
  }

  // Throws a 422 naming the date when `now` is before the milestone (e.g. Form 2 before 2025-05-01).
  requireReached(milestone: Milestone, action: { fr: string; en: string }): void {
    const at = this.date(milestone);
    if (at && this.clock.now() >= at) return;
    const label = MILESTONE_LABELS[milestone];
    const when = at ? luxDate(at) : null;
    throw new DomainError(
      'CALENDAR_NOT_YET_OPEN',
      422,
      {
        fr: `${action.fr} n’est possible qu’à partir du ${when ?? '(date non encore fixée)'} (${label.fr}).`,
        en: `${action.en} is only possible from ${when ?? '(date not set yet)'} (${label.en}).`,
      },
      { meta: { milestone, opensAt: when } },
    );
  }

  // Throws a 422 naming the date when `now` is at or after the milestone (e.g. complements after 2026-07-01).
  requireBefore(milestone: Milestone, action: { fr: string; en: string }): void {
    const at = this.date(milestone);
    if (!at || this.clock.now() < at) return;
    const label = MILESTONE_LABELS[milestone];
    const when = luxDate(at);
    throw new DomainError(
      'CALENDAR_CLOSED',
      422,
      {
        fr: `${action.fr} n’est plus possible depuis le ${when} (${label.fr}).`,
        en: `${action.en} is no longer possible since ${when} (${label.en}).`,
      },
      { meta: { milestone, closedAt: when } },
    );
  }
}
