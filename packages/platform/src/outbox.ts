import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { CloudEvent, EventDefinition } from '@sons/contracts';
import type { z } from 'zod';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import { OutboxEvent } from './outbox.entity.js';

export type RecordedEvent = { caseId: string; sequence: number; correlationId?: string };

// Builds the CloudEvent, parses its data against the registry, and stages it in the caller's transaction.
export class EventRecorder {
  constructor(
    private readonly source: string,
    private readonly publicBaseUrl: string,
    private readonly clock: Clock,
  ) {}

  record<E extends EventDefinition>(em: EntityManager, definition: E, data: z.input<E['data']>, at: RecordedEvent): CloudEvent {
    const parsed = definition.data.parse(data) as Record<string, unknown>;
    const event: CloudEvent = {
      specversion: '1.0',
      id: randomUUID(),
      source: this.source,
      type: definition.type,
      subject: at.caseId,
      time: this.clock.now().toISOString(),
      datacontenttype: 'application/json',
      dataschema: `${this.publicBaseUrl}/api/events/schemas/${definition.type}.json`,
      sequence: at.sequence,
      ...(at.correlationId ? { correlationid: at.correlationId } : {}),
      data: parsed,
    };
    const row = Object.assign(new OutboxEvent(), {
      eventId: event.id,
      natsSubject: definition.subject,
      caseId: at.caseId,
      event: event,
    });
    em.persist(row);
    return event;
  }
}

const encoder = new TextEncoder();

// Publishes committed outbox rows to JetStream with Nats-Msg-Id = event id; a restart resumes where it stopped,
// and a row published twice (crash between publish and mark) is dropped by the stream's duplicate window.
export class OutboxRelay {
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly js: JetStreamClient,
    private readonly subjectPrefix: string,
    private readonly log: Logger,
    private readonly pollMs = 500,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  notify(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
  }

  // Publishes everything pending now; returns how many were published.
  async flush(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch(100);
      total += published;
      if (published < 100) return total;
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const published = await this.publishBatch(100);
        failures = 0;
        if (published === 100) continue;
      } catch (error) {
        failures++;
        this.log.warn({ err: (error as Error).message, failures }, 'outbox relay could not publish; will retry');
      }
      const delay = failures ? Math.min(5000, this.pollMs * 2 ** failures) : this.pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  // The batch is published pipelined (in order, on one connection) and marked in one transaction; a row whose publish
  // failed stays pending with its error and is retried (the others are marked, so nothing is published twice except
  // after a crash between publish and mark, which the stream's duplicate window absorbs).
  private async publishBatch(limit: number): Promise<number> {
    const em = this.orm.em.fork();
    const pending = await em.find(OutboxEvent, { publishedAt: null }, { orderBy: { position: 'asc' }, limit });
    if (!pending.length) return 0;
    const results = await Promise.allSettled(
      pending.map((row) =>
        this.js.publish(`${this.subjectPrefix}${row.natsSubject}`, encoder.encode(JSON.stringify(row.event)), {
          msgID: row.eventId,
        }),
      ),
    );
    const now = new Date();
    let failure: unknown = null;
    results.forEach((result, i) => {
      const row = pending[i];
      if (result.status === 'fulfilled') {
        row.publishedAt = now;
        row.lastError = null;
      } else {
        failure ??= result.reason;
        row.attempts += 1;
        row.lastError = String((result.reason as Error)?.message ?? result.reason).slice(0, 500);
      }
    });
    await em.flush();
    if (failure) throw failure instanceof Error ? failure : new Error('outbox publish failed', { cause: failure });
    return pending.length;
  }
}
