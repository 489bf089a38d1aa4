import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { ChangeRequestStatus } from '@sons/contracts';
import { assertChangeRequestTransition } from './change-request-status.js';

// A vendor's request to change its identity data (Eligibility 2); an operator approves or refuses it with a reason.
@Entity({ tableName: 'change_request' })
@Index({ properties: ['status', 'requestedAt'] })
@Index({ properties: ['vendorId', 'requestedAt'] })
export class ChangeRequest {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  vendorId!: string;

  @Property({ length: 36 })
  enrolmentId!: string;

  @Property({ length: 20 })
  status: ChangeRequestStatus = 'pending';

  @Property({ type: 'json' })
  fields!: string[];

  // Requested values and the values they replace (at request time).
  @Property({ type: 'json' })
  changes!: Record<string, string | null>;

  @Property({ type: 'json' })
  previous!: Record<string, string | null>;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ length: 100 })
  requestedBy!: string;

  @Property()
  requestedAt!: Date;

  @Property({ type: 'string', length: 100, nullable: true })
  decidedBy?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null = null;

  @Property({ type: 'text', nullable: true })
  decisionReason?: string | null = null;

  @Property({ type: 'integer', nullable: true })
  identityVersion?: number | null = null;

  @Property({ version: true })
  version!: number;

  moveTo(next: ChangeRequestStatus): void {
    assertChangeRequestTransition(this.status, next);
    this.status = next;
  }
}
