import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

// The delivery log: every HTTP attempt with its answer (or why there was none).
@Entity({ tableName: 'webhook_attempt' })
@Index({ properties: ['deliveryId', 'at'] })
export class WebhookAttempt {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ length: 36 })
  deliveryId!: string;

  @Property({ length: 36 })
  @Index()
  subscriptionId!: string;

  @Property()
  at!: Date;

  @Property({ type: 'integer', nullable: true })
  statusCode?: number | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  error?: string | null = null;

  @Property()
  durationMs!: number;
}
