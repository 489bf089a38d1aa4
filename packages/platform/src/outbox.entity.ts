import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

// Transactional outbox: written in the same transaction as the state change, published by the relay.
@Entity({ tableName: 'outbox_event' })
@Index({ properties: ['publishedAt', 'position'] })
export class OutboxEvent {
  @PrimaryKey({ autoincrement: true })
  position!: number;

  @Property({ length: 36, unique: true })
  eventId!: string;

  @Property({ length: 200 })
  natsSubject!: string;

  @Property({ length: 100 })
  caseId!: string;

  @Property({ type: 'json' })
  event!: Record<string, unknown>;

  @Property()
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null = null;

  @Property()
  attempts: number = 0;

  @Property({ type: 'string', nullable: true, length: 500 })
  lastError?: string | null = null;
}
