import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { InvoiceStatus, PaymentFlag } from '@sons/contracts';
import { assertInvoiceTransition } from './invoice-status.js';

export type IssuerSnapshot = {
  name: string;
  address: { street: string; postalCode: string; city: string; country: string };
  vatNumber: string;
  iban: string;
  rcs: string | null;
  email: string | null;
  identityVersion: number;
};
export type InvoiceLine = {
  providerCode: string;
  providerName: string;
  site: string | null;
  connectedOn: string;
  amountInclVatCents: number;
};

// An invoice of the vendor to AeS for one verified connection (PROCESS.md Phase 3.3). Its number is allocated in the
// same transaction as the row (gapless per year); it is never deleted — a credit note cancels it.
@Entity({ tableName: 'invoice' })
@Index({ properties: ['status', 'number'] })
@Index({ properties: ['vendorId', 'number'] })
export class Invoice {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 40, unique: true })
  number!: string;

  @Property()
  year!: number;

  @Property()
  sequence!: number;

  @Property({ length: 36 })
  @Index()
  connectionId!: string;

  // The connection while this invoice is its live one (null once cancelled): one live invoice per connection,
  // enforced by the unique constraint (concurrent issues of the same connection cannot both commit).
  @Property({ type: 'string', length: 36, nullable: true, unique: true })
  activeConnectionId?: string | null;

  @Property({ length: 36 })
  vendorId!: string;

  @Property({ length: 20 })
  status: InvoiceStatus = 'issued';

  @Property({ length: 10 })
  issuedOn!: string;

  @Property({ length: 10 })
  dueOn!: string;

  @Property()
  issuedAt!: Date;

  @Property({ type: 'json' })
  issuer!: IssuerSnapshot;

  @Property({ type: 'json' })
  addressee!: {
    name: string;
    department: string | null;
    address: { street: string; postalCode: string; city: string; country: string };
  };

  @Property({ length: 200 })
  softwareKey!: string;

  @Property({ type: 'json' })
  software!: { name: string; version: string };

  @Property({ type: 'json' })
  lines!: InvoiceLine[];

  @Property({ type: 'double' })
  vatRatePercent!: number;

  @Property()
  exclVatCents!: number;

  @Property()
  vatCents!: number;

  @Property()
  totalInclVatCents!: number;

  @Property()
  paidCents: number = 0;

  @Property()
  paymentFlagged: boolean = false;

  @Property({ type: 'datetime', nullable: true })
  approvedAt?: Date | null;

  @Property({ type: 'string', length: 100, nullable: true })
  approvedBy?: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  @Index()
  exportedBatchId?: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  creditNoteId?: string | null;

  @Property()
  updatedAt!: Date;

  @Property()
  eventSequence: number = 0;

  @Property({ version: true })
  version!: number;

  nextSequence(): number {
    this.eventSequence += 1;
    return this.eventSequence;
  }

  moveTo(next: InvoiceStatus, at: Date): InvoiceStatus {
    assertInvoiceTransition(this.status, next);
    const previous = this.status;
    this.status = next;
    this.updatedAt = at;
    return previous;
  }
}

// Next number per series and year. Incremented with one conditional update inside the invoice's transaction
// (PostgreSQL: the row lock serialises concurrent issuers; SQLite: one writer), so a rollback or a crash before
// commit gives the number back: no gap, no duplicate.
@Entity({ tableName: 'invoice_counter' })
export class InvoiceCounter {
  @PrimaryKey({ length: 20 })
  series!: string;

  @PrimaryKey()
  year!: number;

  @Property()
  nextValue: number = 1;
}

// Cancels one invoice (same amounts, negative meaning); numbered in its own gapless series.
@Entity({ tableName: 'credit_note' })
export class CreditNote {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 40, unique: true })
  number!: string;

  @Property({ length: 36, unique: true })
  invoiceId!: string;

  @Property({ length: 10 })
  issuedOn!: string;

  @Property()
  issuedAt!: Date;

  @Property({ length: 100 })
  issuedBy!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property()
  exclVatCents!: number;

  @Property()
  vatCents!: number;

  @Property()
  amountInclVatCents!: number;
}

// A bank transfer AeS recorded against an invoice.
@Entity({ tableName: 'payment' })
@Index({ properties: ['invoiceId', 'recordedAt'] })
export class Payment {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  invoiceId!: string;

  @Property({ length: 10 })
  paidOn!: string;

  @Property()
  amountCents!: number;

  @Property({ length: 140 })
  reference!: string;

  @Property({ type: 'json' })
  flags!: PaymentFlag[];

  @Property({ length: 100 })
  recordedBy!: string;

  @Property()
  recordedAt!: Date;

  // The recording's idempotency key: a retried command finds its payment instead of counting the transfer twice.
  @Property({ type: 'string', length: 100, nullable: true, unique: true })
  idempotencyKey?: string | null = null;
}

// « An update never gives a right to a new incentive » (PROCESS.md Phase 2.7): one live invoice line per provider and
// software (all versions). `activeKey` is `<softwareKey>|<providerCode>` while the invoice is live, null once a
// credit note cancels it; the unique constraint makes a second live claim impossible.
@Entity({ tableName: 'incentive_claim' })
export class IncentiveClaim {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 240, nullable: true, unique: true })
  activeKey?: string | null;

  @Property({ length: 200 })
  softwareKey!: string;

  @Property({ length: 20 })
  providerCode!: string;

  @Property({ length: 36 })
  @Index()
  invoiceId!: string;

  @Property()
  claimedAt!: Date;
}

// The invoice PDF, rendered by the documents worker after the number committed; retried until it succeeds.
@Entity({ tableName: 'invoice_document' })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class InvoiceDocument {
  @PrimaryKey({ length: 36 })
  invoiceId!: string;

  @Property({ length: 10 })
  status: 'pending' | 'rendered' = 'pending';

  @Property()
  attempts: number = 0;

  @Property()
  nextAttemptAt!: Date;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError?: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  documentId?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  reference?: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  attachmentId?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  sha256?: string | null;

  @Property({ type: 'datetime', nullable: true })
  renderedAt?: Date | null;
}

// A connection that became invoiceable (its payment was requested): the issuing worker turns it into an invoice,
// retrying while a dependency is down. Written by the event consumer in the same transaction as the event id.
@Entity({ tableName: 'invoice_request' })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class InvoiceRequest {
  @PrimaryKey({ length: 36 })
  connectionId!: string;

  @Property({ length: 10 })
  status: 'pending' | 'issued' | 'blocked' = 'pending';

  @Property()
  requestedAt!: Date;

  @Property()
  attempts: number = 0;

  @Property()
  nextAttemptAt!: Date;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError?: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  invoiceId?: string | null;
}
