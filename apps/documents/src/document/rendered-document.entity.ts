import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { TemplateKey } from '@sons/contracts';
import type { Locale } from '../render/index.js';
import { assertDocumentTransition, type DocumentStatus } from './document-status.js';

// A PDF rendered and stored by this worker. The data snapshot and the template version let it be re-rendered
// identically; the reference and SHA-256 back the public verification page.
@Entity({ tableName: 'rendered_document' })
@Index({ properties: ['caseId', 'createdAt'] })
@Index({ properties: ['vendorId', 'createdAt'] })
export class RenderedDocument {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  // Human-readable and printed on the PDF (SONS-ATT-2026-XXXXXXXX).
  @Property({ length: 80, unique: true })
  reference!: string;

  @Property({ length: 100 })
  caseId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  vendorId: string | null = null;

  @Property({ length: 300 })
  title!: string;

  @Property({ length: 60 })
  templateKey!: TemplateKey;

  @Property()
  templateVersion!: number;

  @Property({ length: 5 })
  locale!: Locale;

  @Property({ length: 36 })
  attachmentId!: string;

  @Property({ length: 64 })
  sha256!: string;

  @Property()
  pages!: number;

  @Property()
  size!: number;

  // Subject (RFC 4514) of the certificate whose PAdES signature the stored PDF carries; null: the PDF is not signed.
  @Property({ type: 'text', nullable: true })
  signedBy: string | null = null;

  // WARNING: persisted status strings (DOCUMENT_STATUSES); never rename one.
  @Property({ length: 20 })
  status: DocumentStatus = 'valid';

  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  @Property({ type: 'string', length: 200, nullable: true, unique: true })
  idempotencyKey: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  supersededBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  withdrawnReason: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  withdrawnBy: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  statusChangedAt: Date | null = null;

  @Property()
  createdAt!: Date;

  @Property({ version: true })
  rowVersion!: number;

  @Property()
  eventSequence: number = 0;

  nextSequence(): number {
    this.eventSequence += 1;
    return this.eventSequence;
  }

  withdraw(reason: string, by: string, now: Date): void {
    assertDocumentTransition(this.status, 'withdrawn', this.reference);
    this.status = 'withdrawn';
    this.withdrawnReason = reason;
    this.withdrawnBy = by;
    this.statusChangedAt = now;
  }

  supersede(by: string, now: Date): void {
    assertDocumentTransition(this.status, 'superseded', this.reference);
    this.status = 'superseded';
    this.supersededBy = by;
    this.statusChangedAt = now;
  }
}
