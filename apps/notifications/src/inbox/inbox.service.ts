import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  EVENT_CATALOGUE,
  decodeCursor,
  encodeCursor,
  hasRole,
  isOperator,
  type Caller,
  type CloudEvent,
  type EmailAudience,
  type InboxEntry as InboxEntryDto,
  type Page,
  type ParsedRequestOf,
  type listInbox,
} from '@sons/contracts';
import { CONFIG, DurableConsumer, ServiceRuntime, UnitOfWork, type BaseConfig } from '@sons/platform';
import { EmailTemplates } from '../email/email-templates.js';
import { InboxEntry } from './inbox-entry.entity.js';

@Injectable()
export class InboxService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: DurableConsumer | null = null;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(EmailTemplates) private readonly templates: EmailTemplates,
    @Inject(CONFIG) private readonly config: BaseConfig,
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

  async beforeApplicationShutdown(): Promise<void> {
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
        data: event.data,
      }),
    );
    return Promise.resolve();
  }

  // Vendors see their own vendor's entries, whatever they ask for; operators see all and may filter by vendor.
  // A call without a caller comes from inside the platform (another service, a test on the bus).
  async list(query: ParsedRequestOf<typeof listInbox>, caller: Caller | null): Promise<Page<InboxEntryDto>> {
    const operator = !caller || isOperator(caller);
    if (!operator && !caller.vendorId) return { items: [], nextCursor: null };
    const cursor = decodeCursor(query.cursor);
    const where: Record<string, unknown> = {};
    if (query.caseId) where.caseId = query.caseId;
    if (query.eventType) where.eventType = query.eventType;
    if (!operator) {
      where.vendorId = caller.vendorId;
      // A vendor's notifications are the steps it is e-mailed about; a case's timeline (caseId) shows all its events.
      if (!query.caseId) {
        const mine = this.templates.typesFor('vendor');
        where.eventType = query.eventType ? (mine.includes(query.eventType) ? query.eventType : { $in: [] }) : { $in: mine };
      }
    } else if (query.vendorId) where.vendorId = query.vendorId;
    const newest = query.order === 'newest';
    if (cursor) {
      const [at, id] = cursor as [string, string];
      const past = newest ? '$lt' : '$gt';
      where.$or = [{ recordedAt: { [past]: new Date(at) } }, { recordedAt: new Date(at), id: { [past]: id } }];
    }
    const direction = newest ? 'desc' : 'asc';
    const rows = await this.uow
      .fork()
      .find(InboxEntry, where, { orderBy: { recordedAt: direction, id: direction }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const audiences: EmailAudience[] = !operator
      ? ['vendor']
      : caller && hasRole(caller, 'aes') && !hasRole(caller, 'incert')
        ? ['aes', 'incert', 'vendor']
        : ['incert', 'aes', 'vendor'];
    const last = items.at(-1);
    return {
      items: items.map((e) => this.toDto(e, audiences)),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.recordedAt.toISOString(), last.id]) : null,
    };
  }

  private toDto(e: InboxEntry, audiences: EmailAudience[]): InboxEntryDto {
    let title: InboxEntryDto['title'] = null;
    try {
      title = this.templates.title(e.eventType, audiences, {
        event: { id: e.eventId, type: e.eventType, caseId: e.caseId, time: e.occurredAt.toISOString() },
        data: e.data ?? {},
        vendor: null,
        portalUrl: this.config.PUBLIC_BASE_URL,
      });
    } catch (error) {
      this.runtime.log.warn({ err: (error as Error).message, eventType: e.eventType }, 'could not render the in-app title');
    }
    return {
      id: e.id,
      eventId: e.eventId,
      eventType: e.eventType,
      caseId: e.caseId,
      vendorId: e.vendorId ?? null,
      sequence: e.sequence,
      occurredAt: e.occurredAt.toISOString(),
      recordedAt: e.recordedAt.toISOString(),
      title,
      data: e.data ?? {},
    };
  }
}
