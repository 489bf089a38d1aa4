import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

// A labelled software version as this service knows it, from the labelling service's events (a local read model:
// Form 4 is accepted only for a version listed here).
@Entity({ tableName: 'label' })
@Unique({ properties: ['vendorId', 'normalizedName', 'version'] })
@Index({ properties: ['vendorId', 'labelledAt'] })
export class Label {
  // The labelled (or label-extended minor) version's id in the labelling service.
  @PrimaryKey({ length: 100 })
  id!: string;

  // The label covering this version (its own, or the one extended to a minor version).
  @Property({ length: 36 })
  @Index()
  labelId!: string;

  @Property({ length: 36 })
  vendorId!: string;

  // The software across its versions (the labelling service's software id).
  @Property({ length: 200 })
  softwareKey!: string;

  @Property({ length: 200 })
  softwareName!: string;

  @Property({ length: 200 })
  normalizedName!: string;

  @Property({ length: 50 })
  version!: string;

  @Property()
  labelledAt!: Date;

  @Property({ length: 20 })
  status: 'active' | 'withdrawn' = 'active';

  // A minor version whose label was extended from another version (PROCESS.md Phase 2.7).
  @Property({ type: 'string', length: 50, nullable: true })
  extendedFrom?: string | null;

  @Property({ length: 36 })
  sourceEventId!: string;

  @Property()
  updatedAt!: Date;
}

export const normalizeSoftwareName = (name: string): string => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
