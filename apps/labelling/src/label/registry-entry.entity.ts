import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { LabellingLabelStatus } from '@sons/contracts';

// One line of the public registry: a labelled version, or a minor version its label extends to. Public data only
// (vendor name, software, version, dates, references, status); kept in step with its label.
@Entity({ tableName: 'labelling_registry_entry' })
@Index({ properties: ['labelDate', 'id'] })
@Index({ properties: ['status', 'labelDate', 'id'] })
export class RegistryEntry {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  @Index()
  labelId!: string;

  @Property({ length: 36 })
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

  @Property({ type: 'string', length: 50, nullable: true })
  extendedFrom?: string | null = null;

  @Property({ length: 40 })
  labelNumber!: string;

  @Property()
  labelDate!: Date;

  @Property({ type: 'string', length: 100, nullable: true })
  attestationReference?: string | null = null;

  @Property({ type: 'string', length: 20, nullable: true })
  reclVersion?: string | null = null;

  @Property({ length: 20 })
  status!: LabellingLabelStatus;

  @Property()
  statusChangedAt!: Date;
}
