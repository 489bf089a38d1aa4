import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

// Idempotent consumers: an event id is recorded in the same transaction as its effect.
@Entity({ tableName: 'processed_event' })
export class ProcessedEvent {
  @PrimaryKey({ length: 100 })
  consumer!: string;

  @PrimaryKey({ length: 36 })
  eventId!: string;

  @Property()
  processedAt: Date = new Date();
}
