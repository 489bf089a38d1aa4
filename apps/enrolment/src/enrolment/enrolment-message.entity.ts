import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

// WARNING: persisted kind strings; never rename one.
export type EnrolmentMessageKind = 'information_request' | 'information_answer' | 'rejection' | 'validation_note';

// The conversation on a case: INCERT's information requests, the vendor's answers, the rejection reason.
@Entity({ tableName: 'enrolment_message' })
@Index({ properties: ['enrolmentId', 'createdAt'] })
export class EnrolmentMessage {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  enrolmentId!: string;

  @Property({ length: 30 })
  kind!: EnrolmentMessageKind;

  @Property({ length: 100 })
  authorId!: string;

  @Property({ length: 10 })
  authorRole!: 'vendor' | 'incert' | 'aes' | 'admin';

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'json' })
  attachmentIds: string[] = [];

  @Property()
  createdAt!: Date;
}
