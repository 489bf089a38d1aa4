import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { EmailAudience, EmailStatus, Locale } from '@sons/contracts';

// One e-mail notification per (event, audience): queued by the event consumer, sent (and retried) by the sender,
// kept as the record of what was sent to whom, or why it was not.
@Entity({ tableName: 'email_message' })
@Unique({ properties: ['eventId', 'audience'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['caseId', 'createdAt'] })
@Index({ properties: ['createdAt'] })
export class EmailMessage {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  eventId!: string;

  @Property({ length: 200 })
  eventType!: string;

  @Property({ length: 100 })
  caseId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  vendorId?: string | null = null;

  // The event's data (thin: ids and statuses), for rendering after a restart.
  @Property({ type: 'json' })
  eventData!: Record<string, unknown>;

  @Property()
  occurredAt!: Date;

  @Property({ length: 20 })
  audience!: EmailAudience;

  @Property({ type: 'json' })
  recipients: string[] = [];

  @Property({ length: 2 })
  locale: Locale = 'fr';

  @Property({ type: 'string', length: 500, nullable: true })
  subject?: string | null = null;

  @Property({ type: 'text', nullable: true })
  body?: string | null = null;

  // WARNING: persisted status strings; never rename one.
  @Property({ length: 30 })
  status: EmailStatus = 'pending';

  @Property()
  attempts: number = 0;

  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt?: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  leaseToken?: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError?: string | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  smtpMessageId?: string | null = null;

  @Property()
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null = null;
}
