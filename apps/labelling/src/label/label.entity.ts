import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { LabellingLabelStatus } from '@sons/contracts';
import { assertLabelTransition } from './label-status.js';

// The label of one software version (PROCESS.md Phase 2.6–2.7), issued with the « attestation de labélisation ».
@Entity({ tableName: 'labelling_label' })
@Index({ properties: ['status'] })
export class Label {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 40, unique: true })
  labelNumber!: string;

  @Property({ length: 36 })
  @Index()
  vendorId!: string;

  @Property({ length: 300 })
  vendorName!: string;

  @Property({ length: 36 })
  softwareId!: string;

  @Property({ length: 200 })
  softwareName!: string;

  @Property({ length: 36, unique: true })
  versionId!: string;

  @Property({ length: 50 })
  version!: string;

  // The request whose attestation currently backs the label (the latest passed retest, or the first request).
  @Property({ length: 36 })
  requestId!: string;

  @Property({ type: 'string', length: 20, nullable: true })
  reclVersion?: string | null = null;

  @Property({ length: 20 })
  status: LabellingLabelStatus = 'labelled';

  @Property()
  labelledAt!: Date;

  @Property()
  statusChangedAt!: Date;

  @Property({ length: 36 })
  attestationDocumentId!: string;

  @Property({ length: 100 })
  attestationReference!: string;

  @Property({ length: 100 })
  attestationAttachmentId!: string;

  @Property({ length: 64 })
  attestationSha256!: string;

  @Property({ type: 'text', nullable: true })
  withdrawnReason?: string | null = null;

  @Property()
  eventSequence: number = 0;

  @Property({ version: true })
  rowVersion!: number;

  nextSequence(): number {
    this.eventSequence += 1;
    return this.eventSequence;
  }

  private moveTo(next: LabellingLabelStatus, at: Date): LabellingLabelStatus {
    const previous = this.status;
    assertLabelTransition(previous, next);
    this.status = next;
    this.statusChangedAt = at;
    return previous;
  }

  requireRetest(at: Date): LabellingLabelStatus {
    return this.moveTo('retest_required', at);
  }

  // retest_required → labelled: a retest request passed and its attestation backs the label now.
  renew(at: Date): LabellingLabelStatus {
    return this.moveTo('labelled', at);
  }

  withdraw(reason: string, at: Date): LabellingLabelStatus {
    const previous = this.moveTo('withdrawn', at);
    this.withdrawnReason = reason;
    return previous;
  }
}
