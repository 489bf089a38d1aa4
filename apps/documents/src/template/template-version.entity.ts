import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { TemplateKey, TemplateStatus } from '@sons/contracts';
import type { DocumentTemplate, JsonSchema, Locale, LocalizedText, TemplateMessages } from '../render/index.js';
import { assertTemplateTransition } from './template-status.js';

// One version of a document template, everything as data (sources, CSS, JSON Schema, sample data).
@Entity({ tableName: 'document_template_version' })
@Unique({ properties: ['key', 'version'] })
@Index({ properties: ['key', 'status'] })
export class DocumentTemplateVersion {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 60 })
  key!: TemplateKey;

  @Property()
  version!: number;

  // WARNING: persisted status strings; never rename one.
  @Property({ length: 20 })
  status: TemplateStatus = 'draft';

  // Set to the key while published, null otherwise: the unique index makes "one published version per key" a
  // database rule, not only a check (two admins publishing at once cannot both win).
  @Property({ type: 'string', length: 60, nullable: true, unique: true })
  publishedKey: string | null = null;

  // Same for drafts: at most one open draft per key.
  @Property({ type: 'string', length: 60, nullable: true, unique: true })
  draftKey: string | null = null;

  @Property({ type: 'json' })
  title!: LocalizedText;

  @Property({ type: 'json' })
  locales!: Record<Locale, string>;

  @Property({ type: 'text' })
  layout!: string;

  @Property({ type: 'text' })
  css!: string;

  @Property({ type: 'json' })
  partials: Record<string, string> = {};

  @Property({ type: 'json' })
  messages: TemplateMessages = {};

  @Property({ type: 'json' })
  schema!: JsonSchema;

  @Property({ type: 'json' })
  sample: Record<string, unknown> = {};

  @Property({ length: 200 })
  author!: string;

  @Property({ type: 'text', nullable: true })
  changeNote: string | null = null;

  @Property()
  createdAt!: Date;

  @Property()
  updatedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  retiredAt: Date | null = null;

  @Property({ version: true })
  rowVersion!: number;

  @Property()
  eventSequence: number = 0;

  nextSequence(): number {
    this.eventSequence += 1;
    return this.eventSequence;
  }

  publish(now: Date): void {
    assertTemplateTransition(this.status, 'published', this.key, this.version);
    this.status = 'published';
    this.publishedKey = this.key;
    this.draftKey = null;
    this.publishedAt = now;
    this.updatedAt = now;
  }

  retire(now: Date): void {
    assertTemplateTransition(this.status, 'retired', this.key, this.version);
    this.status = 'retired';
    this.publishedKey = null;
    this.draftKey = null;
    this.retiredAt = now;
    this.updatedAt = now;
  }

  toTemplate(): DocumentTemplate {
    return {
      key: this.key,
      version: this.version,
      locales: this.locales,
      layout: this.layout,
      css: this.css,
      schema: this.schema,
      partials: this.partials,
      messages: this.messages,
    };
  }
}
