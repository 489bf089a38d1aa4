import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

// Every case event the notifications service has received: the in-app notification list and the delivery log's root.
@Entity({ tableName: 'inbox_entry' })
@Index({ properties: ['caseId', 'sequence'] })
@Index({ properties: ['vendorId', 'recordedAt'] })
@Index({ properties: ['recordedAt'] })
export class InboxEntry {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36, unique: true })
  eventId!: string;

  @Property({ length: 200 })
  eventType!: string;

  @Property({ length: 100 })
  caseId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  @Index()
  vendorId?: string | null;

  @Property()
  sequence!: number;

  @Property()
  occurredAt!: Date;

  @Property()
  recordedAt: Date = new Date();

  // The event's thin data (ids, statuses), for the in-app title.
  @Property({ type: 'json', nullable: true })
  data?: Record<string, unknown> | null = null;
}
