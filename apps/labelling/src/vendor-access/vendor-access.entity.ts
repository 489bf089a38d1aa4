import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

// Vendors whose test access was granted (Phase 1 step 4, from the enrolment service's event): Form 3 is available
// to them only. Written by the durable consumer, idempotent on the event id.
@Entity({ tableName: 'labelling_vendor_access' })
export class VendorAccess {
  @PrimaryKey({ length: 36 })
  vendorId!: string;

  @Property({ length: 36 })
  enrolmentId!: string;

  @Property()
  grantedAt!: Date;

  @Property({ length: 36 })
  sourceEventId!: string;
}
