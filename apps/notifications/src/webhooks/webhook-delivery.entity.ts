import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { WebhookDeliveryStatus } from '@sons/contracts';

// The per-subscriber delivery queue and its log: one row per (subscriber, event). It lives in the database, so a
// restart of notifications loses nothing; `lockedUntil` is a lease so two replicas never send one row at once.
@Entity({ tableName: 'webhook_delivery' })
@Unique({ properties: ['subscriptionId', 'eventId'] })
@Index({ properties: ['subscriptionId', 'status', 'nextAttemptAt'] })
@Index({ properties: ['status', 'createdAt'] })
export class WebhookDelivery {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  subscriptionId!: string;

  @Property({ length: 36 })
  eventId!: string;

  @Property({ length: 200 })
  eventType!: string;

  @Property({ length: 100 })
  caseId!: string;

  // The exact structured CloudEvent sent (text, so every attempt sends the same bytes).
  @Property({ type: 'text' })
  body!: string;

  // WARNING: persisted status strings; never rename one.
  @Property({ length: 20 })
  status: WebhookDeliveryStatus = 'pending';

  @Property()
  attempts: number = 0;

  // Attempts since the last manual resend: the retry schedule restarts from here.
  @Property()
  scheduleStep: number = 0;

  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null = null;

  // Who holds the lease: only the holder may write the attempt's outcome.
  @Property({ type: 'string', length: 36, nullable: true })
  leaseToken?: string | null = null;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode?: number | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError?: string | null = null;

  @Property()
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null = null;
}
