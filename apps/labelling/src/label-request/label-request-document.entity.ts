import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { LabellingDocumentKind } from '@sons/contracts';

// A document linked to the request: rendered by the documents worker (documentId, reference) or uploaded
// (the service agreement sent by AeS, the one signed by the vendor); always with its SHA-256.
@Entity({ tableName: 'labelling_document' })
@Index({ properties: ['requestId', 'createdAt'] })
export class LabelRequestDocument {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  requestId!: string;

  @Property()
  iteration!: number;

  // WARNING: persisted kind strings; never rename one.
  @Property({ length: 30 })
  kind!: LabellingDocumentKind;

  @Property({ type: 'string', length: 36, nullable: true })
  documentId?: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  reference?: string | null = null;

  @Property({ length: 100 })
  attachmentId!: string;

  @Property({ length: 64 })
  sha256!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  verifyUrl?: string | null = null;

  @Property({ length: 100 })
  createdBy!: string;

  @Property()
  createdAt!: Date;
}
