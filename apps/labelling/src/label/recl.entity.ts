import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

// A published version of the RECL (référentiel des exigences et critères de labélisation) and of the technical
// documentation. Its requirements are the checklist Form 3 evidence must cover; the latest one is current.
@Entity({ tableName: 'labelling_recl' })
export class Recl {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 20, unique: true })
  version!: string;

  @Property({ length: 200 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  notes?: string | null = null;

  @Property({ type: 'json' })
  requirements: { id: string; title: string }[] = [];

  @Property({ type: 'string', length: 50, nullable: true })
  technicalDocumentationVersion?: string | null = null;

  @Property()
  @Index()
  publishedAt!: Date;

  @Property({ length: 100 })
  publishedBy!: string;

  @Property()
  flaggedLabels: number = 0;
}
