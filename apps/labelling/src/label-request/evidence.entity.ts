import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { EvidenceResult } from '@sons/contracts';
import type { ProofFile } from './label-request.entity.js';

// Test evidence of one RECL requirement in one iteration, with the SHA-256 of each proof file as stored
// (write-once) in the attachment store. Rows are never updated: evidence added later for the same requirement
// supersedes the earlier row for the completeness check, and both are kept.
@Entity({ tableName: 'labelling_evidence' })
@Index({ properties: ['requestId', 'iteration', 'position'] })
export class Evidence {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  requestId!: string;

  @Property()
  iteration!: number;

  // Order of the line within its iteration (submission order, then lines added later).
  @Property()
  position!: number;

  @Property({ length: 50 })
  requirementId!: string;

  // WARNING: persisted strings; never rename one.
  @Property({ length: 20 })
  result!: EvidenceResult;

  @Property({ type: 'text', nullable: true })
  justification?: string | null = null;

  @Property({ type: 'json' })
  files: ProofFile[] = [];

  @Property()
  addedAt!: Date;

  @Property({ length: 100 })
  addedBy!: string;
}
