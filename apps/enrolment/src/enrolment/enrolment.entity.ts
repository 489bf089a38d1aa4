import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { EligibilityCheck, EnrolmentStatus } from '@sons/contracts';
import { assertTransition } from './enrolment-status.js';

// An enrolment case (Phase 1): one per vendor, created by Form 1; its status machine is in enrolment-status.ts.
@Entity({ tableName: 'enrolment' })
@Index({ properties: ['status', 'submittedAt'] })
export class Enrolment {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  @Index()
  vendorId!: string;

  // Denormalised from the vendor for lists; follows approved change requests.
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

  // Form 1 as submitted.
  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  // The Form 1 definition version the data were validated against (null: submitted without a version, or before
  // cases recorded it).
  @Property({ type: 'integer', nullable: true })
  formVersion?: number | null = null;

  @Property()
  submittedAt!: Date;

  @Property()
  updatedAt!: Date;

  // Per-case CloudEvents "sequence".
  @Property()
  eventSequence: number = 0;

  @Property({ version: true })
  version!: number;

  // --- review -------------------------------------------------------------------------------------------------
  @Property({ type: 'string', length: 100, nullable: true })
  @Index()
  assigneeId?: string | null = null;

  @Property({ type: 'string', length: 320, nullable: true })
  assigneeEmail?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  assignedAt?: Date | null = null;

  // The eligibility checklist (Eligibility 1–6), per stage (form1, form2).
  @Property({ type: 'json', nullable: true })
  eligibility?: EligibilityCheck[] | null = null;

  @Property({ type: 'datetime', nullable: true })
  validatedAt?: Date | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  validatedBy?: string | null = null;

  @Property({ type: 'text', nullable: true })
  rejectionReason?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  rejectedAt?: Date | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  rejectedBy?: string | null = null;

  // --- NDA ----------------------------------------------------------------------------------------------------
  // Attachment ids only: the NDA's content never leaves the attachment store (and never goes on the bus).
  @Property({ type: 'string', length: 100, nullable: true })
  ndaAttachmentId?: string | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  ndaSignatoryCompany?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  ndaCountersignedAt?: Date | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  ndaCountersignedBy?: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  ndaCountersignMode?: 'uploaded' | 'marked' | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  ndaCountersignedAttachmentId?: string | null = null;

  // --- documentation, Form 2, test environment ----------------------------------------------------------------
  @Property({ type: 'datetime', nullable: true })
  documentationSharedAt?: Date | null = null;

  @Property({ type: 'json', nullable: true })
  form2Data?: Record<string, unknown> | null = null;

  @Property({ type: 'datetime', nullable: true })
  form2SubmittedAt?: Date | null = null;

  // AES-256-GCM ciphertext of the test environment configuration and access details (secret-box.ts).
  @Property({ type: 'text', nullable: true })
  testAccessSecret?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  testAccessGrantedAt?: Date | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  testAccessGrantedBy?: string | null = null;

  nextSequence(): number {
    this.eventSequence += 1;
    return this.eventSequence;
  }

  // Guarded: throws INVALID_TRANSITION (409) unless the table allows it.
  moveTo(next: EnrolmentStatus, at: Date): EnrolmentStatus {
    const previous = this.status;
    assertTransition(previous, next);
    this.status = next;
    this.updatedAt = at;
    return previous;
  }

  touch(at: Date): void {
    this.updatedAt = at;
  }
}
