import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

// An out-of-order pick: an operator took a queued request that was not the head of the FIFO queue. The decision,
// its reason and the request that was at the head are recorded (PROCESS.md Phase 2.2).
@Entity({ tableName: 'labelling_queue_decision' })
@Index({ properties: ['decidedAt', 'id'] })
export class QueueDecision {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  requestId!: string;

  @Property({ length: 36 })
  headRequestId!: string;

  // The position the request had in the queue when it was taken.
  @Property()
  position!: number;

  @Property({ length: 100 })
  operatorId!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property()
  decidedAt!: Date;
}
