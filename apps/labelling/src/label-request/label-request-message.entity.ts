import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { ProofFile } from './label-request.entity.js';

// WARNING: persisted kind strings; never rename one.
export type LabellingMessageKind = 'incomplete_notice' | 'complement_request' | 'complement_answer' | 'test_results' | 'note';

// The conversation on a request: missing evidence, complement requests and answers (with files), test results.
@Entity({ tableName: 'labelling_message' })
@Index({ properties: ['requestId', 'createdAt'] })
export class LabelRequestMessage {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  requestId!: string;

  @Property()
  iteration!: number;

  @Property({ length: 30 })
  kind!: LabellingMessageKind;

  @Property({ length: 100 })
  authorId!: string;

  @Property({ length: 10 })
  authorRole!: 'vendor' | 'incert' | 'aes' | 'admin';

  @Property({ type: 'text' })
  body!: string;

  // RECL requirement ids the message is about (complement checklist, missing evidence).
  @Property({ type: 'json' })
  checklist: string[] = [];

  @Property({ type: 'json' })
  files: ProofFile[] = [];

  @Property()
  createdAt!: Date;
}
