import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

// One download of a documentation file: who (user, vendor), when. Written before the file is served; visible to
// operators (PROCESS.md Phase 1 step 3: access is per vendor and every download is logged).
@Entity({ tableName: 'documentation_download' })
@Index({ properties: ['downloadedAt', 'id'] })
@Index({ properties: ['vendorId', 'downloadedAt'] })
export class DocumentationDownload {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  documentationSetId!: string;

  @Property({ length: 50 })
  versionLabel!: string;

  @Property({ length: 100 })
  attachmentId!: string;

  @Property({ length: 200 })
  fileName!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  vendorId?: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  enrolmentId?: string | null = null;

  @Property({ length: 100 })
  userId!: string;

  @Property({ type: 'string', length: 320, nullable: true })
  userEmail?: string | null = null;

  @Property()
  downloadedAt!: Date;
}
