import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { FormDefinitionStatus } from '@sons/contracts';

// One version of a form definition (issue 3). Drafts are edited; published versions never change again.
@Entity({ tableName: 'form_definition_version' })
@Unique({ properties: ['formKey', 'version'] })
@Index({ properties: ['formKey', 'status'] })
export class FormDefinitionVersion {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 50 })
  formKey!: string;

  @Property()
  version!: number;

  // WARNING: persisted status strings (FORM_DEFINITION_STATUSES), never rename.
  @Property({ type: 'string', length: 20 })
  status!: FormDefinitionStatus;

  @Property({ type: 'json' })
  schema!: Record<string, unknown>;

  @Property({ type: 'json', nullable: true })
  i18n?: { en: Record<string, string> } | null = null;

  @Property({ type: 'json', nullable: true })
  title?: { fr: string; en: string } | null = null;

  // The version this draft was begun from (null for the seed or an import on an empty key).
  @Property({ type: 'integer', nullable: true })
  basedOn?: number | null = null;

  @Property({ length: 320 })
  author!: string;

  @Property({ type: 'text', nullable: true })
  changeNote?: string | null = null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null = null;

  @Property({ type: 'string', length: 320, nullable: true })
  publishedBy?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  retiredAt?: Date | null = null;

  @Property({ version: true })
  lock!: number;
}
