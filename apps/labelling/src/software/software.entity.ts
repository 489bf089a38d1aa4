import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

// Same software whatever the case and spacing: "MediDoc", "medidoc " are one software of a vendor.
export const normalizeName = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

// A vendor's practice software (logiciel métier), stable across its versions: a label is for one version, and an
// update never gives a right to a new incentive (PROCESS.md Phase 2.7).
@Entity({ tableName: 'labelling_software' })
@Unique({ properties: ['vendorId', 'normalizedName'] })
export class Software {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  @Index()
  vendorId!: string;

  // The enrolled name of the vendor when the software was first named (for operators' lists and the registry).
  @Property({ length: 300 })
  vendorName!: string;

  @Property({ length: 200 })
  name!: string;

  @Property({ length: 200 })
  normalizedName!: string;

  @Property()
  createdAt!: Date;

  // Per-aggregate CloudEvents "sequence" (version declarations).
  @Property()
  eventSequence: number = 0;

  nextSequence(): number {
    this.eventSequence += 1;
    return this.eventSequence;
  }
}
