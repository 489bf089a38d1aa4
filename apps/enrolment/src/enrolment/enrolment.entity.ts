import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { EnrolmentStatus } from '@sons/contracts';
import { assertTransition } from './enrolment-status.js';

// An enrolment case (Phase 1): one per vendor, created by Form 1.
@Entity({ tableName: 'enrolment' })
@Index({ properties: ['status', 'submittedAt'] })
export class Enrolment {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  @Index()
  vendorId!: string;

  @Property({ length: 300 })
  vendorName!: string;

  @Property({ length: 10 })
  personType!: 'legal' | 'natural';

  @Property({ length: 13, unique: true })
  matricule!: string;

  @Property({ type: 'string', length: 20, nullable: true, unique: true })
  vatNumber?: string | null;

  @Property({ type: 'string', length: 100, nullable: true, unique: true })
  idempotencyKey?: string | null;

  @Property({ length: 40 })
  status: EnrolmentStatus = 'submitted';

  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  @Property()
  submittedAt!: Date;

  @Property()
  updatedAt!: Date;

  // Per-case CloudEvents "sequence".
  @Property()
  eventSequence: number = 0;

  @Property({ version: true })
  version!: number;

  nextSequence(): number {
    this.eventSequence += 1;
    return this.eventSequence;
  }

  moveTo(next: EnrolmentStatus, at: Date): void {
    assertTransition(this.status, next);
    this.status = next;
    this.updatedAt = at;
  }
}
