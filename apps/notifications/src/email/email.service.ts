import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  DomainError,
  EVENT_CATALOGUE,
  decodeCursor,
  encodeCursor,
  isOperator,
  type Caller,
  type CloudEvent,
  type EmailAudience,
  type EmailMessageDto,
  type Page,
  type ParsedRequestOf,
  type listEmails,
} from '@sons/contracts';
import { CONFIG, DurableConsumer, ServiceRuntime, SystemClock, UnitOfWork } from '@sons/platform';
import type { NotificationsConfig } from '../config.js';
import { EmailMessage } from './email-message.entity.js';
import { EmailSender } from './email-sender.js';
import { EmailTemplates } from './email-templates.js';

export const operatorAddresses = (config: NotificationsConfig, audience: EmailAudience): string[] =>
  audience === 'incert' ? config.OPERATOR_EMAILS_INCERT : audience === 'aes' ? config.OPERATOR_EMAILS_AES : [];

@Injectable()
export class EmailService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: DurableConsumer | null = null;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(EmailTemplates) private readonly templates: EmailTemplates,
    @Inject(EmailSender) private readonly sender: EmailSender,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { nc, orm, config, log } = this.runtime;
    const unused = this.templates.eventTypes.filter((t) => !EVENT_CATALOGUE.some((e) => e.type === t));
    if (unused.length) log.warn({ unused }, 'e-mail templates for event types that are not in the catalogue (never sent)');
    this.consumer = new DurableConsumer({
      nc,
      orm: orm!,
      stream: config.SONS_STREAM,
      subjectPrefix: config.SONS_SUBJECT_PREFIX,
      durable: 'notifications-email',
      subjects: EVENT_CATALOGUE.map((e) => e.subject),
      handler: (event, em) => this.queue(event, em),
      log,
    });
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  // One message per audience that has a template for this event type; the sender resolves, renders and sends.
  private queue(event: CloudEvent, em: EntityManager): Promise<void> {
    const audiences = this.templates.audiencesFor(event.type);
    const now = this.clock.now();
    const vendorId = typeof event.data.vendorId === 'string' ? event.data.vendorId : null;
    for (const audience of audiences) {
      const recipients = operatorAddresses(this.config, audience);
      const noOperatorAddress = audience !== 'vendor' && recipients.length === 0;
      em.persist(
        Object.assign(new EmailMessage(), {
          eventId: event.id,
          eventType: event.type,
          caseId: event.subject,
          vendorId,
          eventData: event.data,
          occurredAt: new Date(event.time),
          audience,
          recipients,
          locale: audience === 'vendor' ? 'fr' : this.config.OPERATOR_EMAIL_LOCALE,
          createdAt: now,
          ...(noOperatorAddress
            ? {
                status: 'recipient_unknown' as const,
                lastError: `recipient unknown: no address configured in OPERATOR_EMAILS_${audience.toUpperCase()}`,
              }
            : { nextAttemptAt: now }),
        }),
      );
    }
    if (audiences.length) setTimeout(() => this.sender.wake(), 30);
    return Promise.resolve();
  }

  async list(query: ParsedRequestOf<typeof listEmails>, caller: Caller | null): Promise<Page<EmailMessageDto>> {
    if (caller && !isOperator(caller)) {
      throw new DomainError('FORBIDDEN', 403, {
        fr: 'Le journal des e-mails est réservé aux opérateurs.',
        en: 'The e-mail log is for operators only.',
      });
    }
    const cursor = decodeCursor(query.cursor);
    const where: Record<string, unknown> = {};
    if (query.caseId) where.caseId = query.caseId;
    if (query.eventType) where.eventType = query.eventType;
    if (query.status) where.status = query.status;
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ createdAt: { $gt: new Date(at) } }, { createdAt: new Date(at), id: { $gt: id } }];
    }
    const rows = await this.uow
      .fork()
      .find(EmailMessage, where, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map((m) => ({
        id: m.id,
        eventId: m.eventId,
        eventType: m.eventType,
        caseId: m.caseId,
        vendorId: m.vendorId ?? null,
        audience: m.audience,
        to: m.recipients,
        locale: m.locale,
        subject: m.subject ?? null,
        status: m.status,
        attempts: m.attempts,
        lastError: m.lastError ?? null,
        createdAt: m.createdAt.toISOString(),
        sentAt: m.sentAt?.toISOString() ?? null,
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }
}
