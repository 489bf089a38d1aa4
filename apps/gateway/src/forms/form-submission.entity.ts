import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

// WARNING: persisted strings, never rename.
export type FormSubmissionStatus = 'draft' | 'submitted';

// A vendor's form in progress, pinned to the form version it was begun on (issue 3, "Submissions"): the vendor's
// users save and resume it; it keeps validating against that version after a newer one is published.
@Entity({ tableName: 'form_submission' })
// One current draft per form key and owner: `slot` is 'current' while a draft, the row id once submitted.
@Unique({ properties: ['formKey', 'owner', 'slot'] })
export class FormSubmission {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 50 })
  formKey!: string;

  // The form definition version this submission is pinned to.
  @Property()
  formVersion!: number;

  // The vendor's id, or `user:<id>` before the user's vendor is enrolled (Form 1).
  @Property({ length: 80 })
  owner!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  vendorId?: string | null = null;

  @Property({ length: 80 })
  slot: string = 'current';

  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  @Property({ type: 'string', length: 20 })
  status: FormSubmissionStatus = 'draft';

  @Property({ length: 320 })
  updatedBy!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  @Property({ version: true })
  lock!: number;
}
