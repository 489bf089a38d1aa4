import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export type DocumentationFile = { attachmentId: string; fileName: string; contentType: string; size: number; sha256: string };

// A published version of the technical documentation (eConnector NG integration, PID v2 / Remboursement
// specifications). Confidential under the NDA: files are attachments uploaded by operators (no vendor owns them),
// served only through the enrolment service's download check, which logs every download.
@Entity({ tableName: 'documentation_set' })
export class DocumentationSet {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 50, unique: true })
  versionLabel!: string;

  @Property({ length: 200 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  notes?: string | null = null;

  @Property({ type: 'json' })
  files!: DocumentationFile[];

  @Property()
  @Index()
  publishedAt!: Date;

  @Property({ length: 100 })
  publishedBy!: string;
}
