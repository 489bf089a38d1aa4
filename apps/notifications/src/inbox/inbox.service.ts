import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { EVENT_CATALOGUE, decodeCursor, encodeCursor, type CloudEvent, type InboxEntry as InboxEntryDto, type Page } from '@sons/contracts';
import { DurableConsumer, ServiceRuntime, UnitOfWork } from '@sons/platform';
import { InboxEntry } from './inbox-entry.entity.js';

const toDto = (e: InboxEntry): InboxEntryDto => ({
  id: e.id,
  eventId: e.eventId,
  eventType: e.eventType,
  caseId: e.caseId,
  vendorId: e.vendorId ?? null,
  sequence: e.sequence,
  occurredAt: e.occurredAt.toISOString(),
  recordedAt: e.recordedAt.toISOString(),
});

@Injectable()
export class InboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: DurableConsumer | null = null;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { nc, orm, config, log } = this.runtime;
    this.consumer = new DurableConsumer({
      nc,
      orm: orm!,
      stream: config.SONS_STREAM,
      subjectPrefix: config.SONS_SUBJECT_PREFIX,
      durable: 'notifications-inbox',
      subjects: EVENT_CATALOGUE.map((e) => e.subject),
      handler: (event, em) => this.record(event, em),
      log,
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  private record(event: CloudEvent, em: EntityManager): Promise<void> {
    const vendorId = typeof event.data.vendorId === 'string' ? event.data.vendorId : null;
    em.persist(
      Object.assign(new InboxEntry(), {
        eventId: event.id,
        eventType: event.type,
        caseId: event.subject,
        vendorId,
        sequence: event.sequence,
        occurredAt: new Date(event.time),
      }),
    );
    return Promise.resolve();
  }

  async list(query: { limit: number; cursor?: string; caseId?: string }): Promise<Page<InboxEntryDto>> {
    const cursor = decodeCursor(query.cursor);
    const where: Record<string, unknown> = {};
    if (query.caseId) where.caseId = query.caseId;
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ recordedAt: { $gt: new Date(at) } }, { recordedAt: new Date(at), id: { $gt: id } }];
    }
    const rows = await this.uow.fork().find(InboxEntry, where, { orderBy: { recordedAt: 'asc', id: 'asc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map(toDto),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.recordedAt.toISOString(), last.id]) : null,
    };
  }
}
