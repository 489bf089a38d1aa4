import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { WebhookSubscriptionStatus } from '@sons/contracts';

// A downstream system that receives case events over signed HTTP callbacks (issue 8).
@Entity({ tableName: 'webhook_subscription' })
@Index({ properties: ['status', 'deletedAt'] })
export class WebhookSubscription {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 2000 })
  callbackUrl!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  description?: string | null = null;

  // Exact CloudEvents types, prefixes ending in ".*", or "*".
  @Property({ type: 'json' })
  eventTypes!: string[];

  @Property({ type: 'string', length: 36, nullable: true })
  vendorId?: string | null = null;

  // Sealed with SONS_SECRET_KEY (AES-256-GCM); the plain secret is shown once, at registration.
  @Property({ type: 'text' })
  secretSealed!: string;

  @Property({ length: 20 })
  secretHint!: string;

  // WARNING: persisted status strings; never rename one.
  @Property({ length: 30 })
  status: WebhookSubscriptionStatus = 'pending_verification';

  @Property()
  createdAt!: Date;

  @Property({ length: 100 })
  createdBy!: string;

  @Property({ type: 'datetime', nullable: true })
  verifiedAt?: Date | null = null;

  // Deleting keeps the delivery log readable; a deleted subscriber receives nothing more.
  @Property({ type: 'datetime', nullable: true })
  deletedAt?: Date | null = null;

  @Property({ version: true })
  version!: number;
}
