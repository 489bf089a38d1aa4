import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { IdentityData } from './vendor-identity.js';

// One version of a vendor's identity, valid over [validFrom, validTo) (validTo null = in force). Never updated
// except to close it when an approved change request opens the next one; later documents (invoices) use the data
// valid at their date.
@Entity({ tableName: 'vendor_identity_version' })
@Unique({ properties: ['vendorId', 'versionNo'] })
@Index({ properties: ['vendorId', 'validFrom'] })
export class VendorIdentityVersion {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 36 })
  vendorId!: string;

  @Property()
  versionNo!: number;

  @Property({ type: 'json' })
  identity!: IdentityData;

  @Property()
  validFrom!: Date;

  @Property({ type: 'datetime', nullable: true })
  validTo?: Date | null = null;

  // The change request whose approval opened this version (null for the Form 1 version).
  @Property({ type: 'string', length: 36, nullable: true })
  changeRequestId?: string | null = null;

  @Property()
  createdAt!: Date;
}
