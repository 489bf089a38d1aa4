import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { LabellingStatus } from '@sons/contracts';
import { assertTransition } from './label-request-status.js';

export type ProofFile = { attachmentId: string; sha256: string; fileName: string; size: number };
export type DraftEvidence = {
  requirementId: string;
  result: 'pass' | 'fail' | 'not_applicable';
  justification: string | null;
  files: ProofFile[];
};

// A labelling request (Form 3) for one software version (PROCESS.md Phase 2). Its status machine is in
// label-request-status.ts; each transition is one method here that checks the source status. FIFO: the queue is
// the queued requests ordered by (queuedAt, id) — queuedAt is when the evidence became complete.
@Entity({ tableName: 'labelling_request' })
@Index({ properties: ['status', 'queuedAt', 'id'] })
@Index({ properties: ['vendorId', 'createdAt'] })
export class LabelRequest {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  // Human-readable case reference, printed on the documents (LAB-<year>-<8 hex>).
  @Property({ length: 30, unique: true })
  reference!: string;

  @Property({ length: 36 })
  vendorId!: string;

  @Property({ length: 300 })
  vendorName!: string;

  @Property({ length: 36 })
  softwareId!: string;

  @Property({ length: 200 })
  softwareName!: string;

  @Property({ length: 36 })
  @Index()
  versionId!: string;

  @Property({ length: 50 })
  version!: string;

  // WARNING: persisted strings; never rename one.
  @Property({ length: 10 })
  kind!: 'initial' | 'retest';

  @Property({ length: 30 })
  status: LabellingStatus = 'draft';

  // 0 while a draft; 1 at the first submission; +1 for each new submission after failed tests. Every iteration's
  // evidence, messages and documents are kept.
  @Property()
  iteration: number = 0;

  @Property({ length: 20 })
  integrationMode!: 'econnector_ng' | 'direct_access';

  @Property({ type: 'string', length: 20, nullable: true })
  reclVersion?: string | null = null;

  @Property()
  declaration: boolean = false;

  // The Form 3 evidence while a draft (replaced by each draft update); written to labelling_evidence at submission.
  @Property({ type: 'json', nullable: true })
  draftEvidence?: DraftEvidence[] | null = null;

  @Property({ type: 'string', length: 100, nullable: true, unique: true })
  idempotencyKey?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  queuedAt?: Date | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  @Index()
  assigneeId?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  assignedAt?: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  submittedAt?: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  testsPassedAt?: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  agreementSignedAt?: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  labelledAt?: Date | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  labelId?: string | null = null;

  @Property({ length: 100 })
  createdBy!: string;

  @Property()
  createdAt!: Date;

  @Property()
  updatedAt!: Date;

  // Per-case CloudEvents "sequence".
  @Property()
  eventSequence: number = 0;

  // Optimistic lock: a concurrent change of the same request fails instead of winning silently.
  @Property({ version: true })
  rowVersion!: number;

  nextSequence(): number {
    this.eventSequence += 1;
    return this.eventSequence;
  }

  private moveTo(next: LabellingStatus, at: Date): LabellingStatus {
    const previous = this.status;
    assertTransition(previous, next);
    this.status = next;
    this.updatedAt = at;
    return previous;
  }

  // --- one method per transition ------------------------------------------------------------------------------
  // draft → submitted, or tests_failed → submitted (a new iteration).
  submit(at: Date): LabellingStatus {
    const previous = this.moveTo('submitted', at);
    this.iteration += 1;
    this.submittedAt = at;
    this.queuedAt = null;
    this.assigneeId = null;
    this.assignedAt = null;
    return previous;
  }

  // submitted | queued → evidence_incomplete: out of the queue until completed.
  markIncomplete(at: Date): LabellingStatus {
    const previous = this.moveTo('evidence_incomplete', at);
    this.queuedAt = null;
    return previous;
  }

  // submitted | evidence_incomplete → queued: the evidence became complete now, so the request goes behind every
  // request already complete (PROCESS.md Phase 2.2).
  enqueue(at: Date): LabellingStatus {
    const previous = this.moveTo('queued', at);
    this.queuedAt = at;
    return previous;
  }

  // queued → in_review: INCERT took it.
  startReview(assigneeId: string, at: Date): LabellingStatus {
    const previous = this.moveTo('in_review', at);
    this.assigneeId = assigneeId;
    this.assignedAt = at;
    return previous;
  }

  requestComplement(at: Date): LabellingStatus {
    return this.moveTo('complement_requested', at);
  }

  answerComplement(at: Date): LabellingStatus {
    return this.moveTo('complement_answered', at);
  }

  // complement_answered → in_review.
  resumeReview(assigneeId: string, at: Date): LabellingStatus {
    const previous = this.moveTo('in_review', at);
    this.assigneeId = assigneeId;
    return previous;
  }

  failTests(at: Date): LabellingStatus {
    return this.moveTo('tests_failed', at);
  }

  passTests(at: Date): LabellingStatus {
    const previous = this.moveTo('tests_passed', at);
    this.testsPassedAt = at;
    return previous;
  }

  sendAgreement(at: Date): LabellingStatus {
    return this.moveTo('agreement_sent', at);
  }

  signAgreement(at: Date): LabellingStatus {
    const previous = this.moveTo('agreement_signed', at);
    this.agreementSignedAt = at;
    return previous;
  }

  label(labelId: string, at: Date): LabellingStatus {
    const previous = this.moveTo('labelled', at);
    this.labelId = labelId;
    this.labelledAt = at;
    return previous;
  }
}
