import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { VersionKind } from '@sons/contracts';

export const normalizeVersion = (version: string): string => version.trim().toLowerCase();

// One version of a software. `labelId` is the label covering it: its own (labelled by a request), or the label of
// the version a declared minor version extends.
@Entity({ tableName: 'labelling_software_version' })
@Unique({ properties: ['softwareId', 'normalizedVersion'] })
export class SoftwareVersion {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  @Index()
  softwareId!: string;

  @Property({ length: 36 })
  vendorId!: string;

  @Property({ length: 50 })
  version!: string;

  @Property({ length: 50 })
  normalizedVersion!: string;

  // WARNING: persisted kind strings; never rename one.
  @Property({ length: 10 })
  kind!: VersionKind;

  @Property({ type: 'string', length: 50, nullable: true })
  basedOnVersion?: string | null = null;

  @Property({ type: 'text', nullable: true })
  changes?: string | null = null;

  @Property()
  declaredAt!: Date;

  @Property({ length: 100 })
  declaredBy!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  @Index()
  labelId?: string | null = null;

  // False for a minor version covered by extension: it gives no right to a new incentive payment.
  @Property()
  incentiveEligible: boolean = true;
}
