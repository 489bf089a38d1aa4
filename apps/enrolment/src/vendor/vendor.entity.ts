import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { PersonType } from '@sons/contracts';
import type { IdentityData } from './vendor-identity.js';

// The Industriel (PROCESS.md, Actors): created from Form 1, separate from its enrolment case. Its identity data is
// used for the whole process and changes only through an approved change request (Eligibility 2); the current
// values are here, every version with its validity dates in vendor_identity_version.
@Entity({ tableName: 'vendor' })
export class Vendor {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 10 })
  personType!: PersonType;

  @Property({ length: 300 })
  name!: string;

  // Unique: a second enrolment with the same matricule or VAT number answers 409 pointing at this vendor.
  @Property({ length: 13, unique: true })
  matricule!: string;

  @Property({ type: 'string', length: 20, nullable: true, unique: true })
  vatNumber?: string | null;

  @Property({ length: 320 })
  email!: string;

  @Property({ length: 2 })
  locale: 'fr' | 'en' = 'fr';

  @Property({ type: 'json' })
  identity!: IdentityData;

  @Property()
  identityVersion: number = 1;

  @Property()
  identityValidFrom!: Date;

  @Property()
  vague1Participant: boolean = false;

  // Code prestataire declared at enrolment by a « Vague 1 » participant (it keeps it), then the one in force.
  @Property({ type: 'string', length: 20, nullable: true })
  existingProviderCode?: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  providerCode?: string | null;

  @Property({ length: 20 })
  integrationMode: 'econnector_ng' | 'direct_access' = 'econnector_ng';

  @Property({ type: 'string', length: 36, nullable: true })
  @Index()
  enrolmentId?: string | null;

  @Property()
  createdAt!: Date;

  @Property()
  updatedAt!: Date;

  @Property({ version: true })
  version!: number;
}
