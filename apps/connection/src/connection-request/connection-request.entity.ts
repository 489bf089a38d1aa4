import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { CircuitCheck, ConnectionStatus, DeliveryNoteType, ProviderOutcome, TransactionKind } from '@sons/contracts';
import { assertConnectionTransition } from './connection-status.js';

// A connection request (Form 4 + its delivery note, PROCESS.md Phase 3.1) for one labelled software version.
@Entity({ tableName: 'connection_request' })
@Index({ properties: ['status', 'submittedAt'] })
@Index({ properties: ['vendorId', 'submittedAt'] })
@Unique({ properties: ['vendorId', 'deliveryNoteSha256'] })
export class ConnectionRequest {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  vendorId!: string;

  // The enrolled name (enrolment service) at submission.
  @Property({ length: 300 })
  vendorName!: string;

  // The name the vendor wrote on Form 4 (Eligibility 5: flagged when it differs from the enrolled one).
  @Property({ type: 'string', length: 300, nullable: true })
  declaredVendorName?: string | null;

  @Property({ length: 20 })
  deliveryNoteType!: DeliveryNoteType;

  @Property({ length: 100 })
  labelId!: string;

  @Property({ length: 200 })
  softwareKey!: string;

  @Property({ length: 200 })
  softwareName!: string;

  @Property({ length: 50 })
  softwareVersion!: string;

  @Property()
  labelledAt!: Date;

  @Property({ type: 'json' })
  sites!: { siteName: string; workstationCount: number }[];

  @Property({ type: 'json', nullable: true })
  validator?: { name: string; role: string } | null;

  @Property({ length: 36 })
  deliveryNoteAttachmentId!: string;

  @Property({ length: 64 })
  deliveryNoteSha256!: string;

  // Form 4 as submitted.
  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  @Property({ type: 'string', length: 100, nullable: true, unique: true })
  idempotencyKey?: string | null;

  @Property({ length: 30 })
  status: ConnectionStatus = 'submitted';

  @Property()
  providerCount!: number;

  @Property()
  passedCount: number = 0;

  @Property()
  submittedAt!: Date;

  @Property({ length: 100 })
  submittedBy!: string;

  @Property()
  updatedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  verificationStartedAt?: Date | null;

  @Property({ type: 'string', length: 100, nullable: true })
  verificationStartedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  checkedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'string', length: 100, nullable: true })
  decidedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  decisionNote?: string | null;

  @Property({ type: 'text', nullable: true })
  refusalReason?: string | null;

  @Property({ type: 'datetime', nullable: true })
  paymentRequestedAt?: Date | null;

  // Per-case CloudEvents "sequence".
  @Property()
  eventSequence: number = 0;

  @Property({ version: true })
  version!: number;

  nextSequence(): number {
    this.eventSequence += 1;
    return this.eventSequence;
  }

  moveTo(next: ConnectionStatus, at: Date): ConnectionStatus {
    assertConnectionTransition(this.status, next);
    const previous = this.status;
    this.status = next;
    this.updatedAt = at;
    return previous;
  }
}

// One connected doctor of a request, with the outcome of its circuit check.
@Entity({ tableName: 'connected_provider' })
@Index({ properties: ['connectionId', 'position'] })
export class ConnectedProviderRow {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  connectionId!: string;

  @Property()
  position!: number;

  @Property({ length: 20 })
  providerCode!: string;

  @Property({ length: 200 })
  doctorName!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  siteName?: string | null;

  @Property({ length: 100 })
  transactionReference!: string;

  @Property({ length: 10 })
  outcome: ProviderOutcome = 'pending';

  @Property({ type: 'json' })
  checks: CircuitCheck[] = [];

  @Property({ type: 'string', length: 20, nullable: true })
  transactionKind?: TransactionKind | null;

  @Property({ type: 'datetime', nullable: true })
  transactionTimestamp?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  checkedAt?: Date | null;
}

// « One transaction can prove one connection once, across all vendors » (PROCESS.md Phase 3.2): the primary key on
// the CNS reference makes a second claim fail in the database, whatever the race.
@Entity({ tableName: 'transaction_claim' })
export class TransactionClaim {
  @PrimaryKey({ length: 100 })
  transactionReference!: string;

  @Property({ length: 36 })
  @Index()
  connectionId!: string;

  @Property({ length: 36 })
  providerId!: string;

  @Property()
  claimedAt!: Date;
}

// « An update never gives a right to a new incentive » (PROCESS.md Phase 2.7): one connected provider per software
// (all versions), enforced by a unique constraint.
@Entity({ tableName: 'provider_incentive' })
@Unique({ properties: ['softwareKey', 'providerCode'] })
export class ProviderIncentive {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 200 })
  softwareKey!: string;

  @Property({ length: 20 })
  providerCode!: string;

  @Property({ length: 36 })
  @Index()
  connectionId!: string;

  @Property({ length: 36 })
  providerId!: string;

  @Property()
  claimedAt!: Date;
}
