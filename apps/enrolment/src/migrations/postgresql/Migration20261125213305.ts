import { Migration } from '@mikro-orm/migrations';

export class Migration20261125213305 extends Migration {

  override name = 'Migration20261125213305';

  override up(): void | Promise<void> {
    this.addSql(`create table "sons_enrolment"."change_request" ("id" varchar(36) not null, "vendor_id" varchar(36) not null, "enrolment_id" varchar(36) not null, "status" varchar(20) not null default 'pending', "fields" jsonb not null, "changes" jsonb not null, "previous" jsonb not null, "reason" text not null, "requested_by" varchar(100) not null, "requested_at" timestamptz not null, "decided_by" varchar(100) null, "decided_at" timestamptz null, "decision_reason" text null, "identity_version" int null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "change_request_vendor_id_requested_at_index" on "sons_enrolment"."change_request" ("vendor_id", "requested_at");`);
    this.addSql(`create index "change_request_status_requested_at_index" on "sons_enrolment"."change_request" ("status", "requested_at");`);

    this.addSql(`create table "sons_enrolment"."documentation_download" ("id" varchar(36) not null, "documentation_set_id" varchar(36) not null, "version_label" varchar(50) not null, "attachment_id" varchar(100) not null, "file_name" varchar(200) not null, "vendor_id" varchar(36) null, "enrolment_id" varchar(36) null, "user_id" varchar(100) not null, "user_email" varchar(320) null, "downloaded_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "documentation_download_vendor_id_downloaded_at_index" on "sons_enrolment"."documentation_download" ("vendor_id", "downloaded_at");`);
    this.addSql(`create index "documentation_download_downloaded_at_id_index" on "sons_enrolment"."documentation_download" ("downloaded_at", "id");`);

    this.addSql(`create table "sons_enrolment"."documentation_set" ("id" varchar(36) not null, "version_label" varchar(50) not null, "title" varchar(200) not null, "notes" text null, "files" jsonb not null, "published_at" timestamptz not null, "published_by" varchar(100) not null, primary key ("id"));`);
    this.addSql(`alter table "sons_enrolment"."documentation_set" add constraint "documentation_set_version_label_unique" unique ("version_label");`);
    this.addSql(`create index "documentation_set_published_at_index" on "sons_enrolment"."documentation_set" ("published_at");`);

    this.addSql(`create table "sons_enrolment"."enrolment_message" ("id" varchar(36) not null, "enrolment_id" varchar(36) not null, "kind" varchar(30) not null, "author_id" varchar(100) not null, "author_role" varchar(10) not null, "body" text not null, "attachment_ids" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "enrolment_message_enrolment_id_created_at_index" on "sons_enrolment"."enrolment_message" ("enrolment_id", "created_at");`);

    this.addSql(`create table "sons_enrolment"."vendor" ("id" varchar(36) not null, "person_type" varchar(10) not null, "name" varchar(300) not null, "matricule" varchar(13) not null, "vat_number" varchar(20) null, "email" varchar(320) not null, "locale" varchar(2) not null default 'fr', "identity" jsonb not null, "identity_version" int not null default 1, "identity_valid_from" timestamptz not null, "vague1participant" boolean not null default false, "existing_provider_code" varchar(20) null, "provider_code" varchar(20) null, "integration_mode" varchar(20) not null default 'econnector_ng', "enrolment_id" varchar(36) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "sons_enrolment"."vendor" add constraint "vendor_matricule_unique" unique ("matricule");`);
    this.addSql(`alter table "sons_enrolment"."vendor" add constraint "vendor_vat_number_unique" unique ("vat_number");`);
    this.addSql(`create index "vendor_enrolment_id_index" on "sons_enrolment"."vendor" ("enrolment_id");`);

    this.addSql(`create table "sons_enrolment"."vendor_identity_version" ("id" varchar(36) not null, "vendor_id" varchar(36) not null, "version_no" int not null, "identity" jsonb not null, "valid_from" timestamptz not null, "valid_to" timestamptz null, "change_request_id" varchar(36) null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "vendor_identity_version_vendor_id_valid_from_index" on "sons_enrolment"."vendor_identity_version" ("vendor_id", "valid_from");`);
    this.addSql(`alter table "sons_enrolment"."vendor_identity_version" add constraint "vendor_identity_version_vendor_id_version_no_unique" unique ("vendor_id", "version_no");`);

    this.addSql(`alter table "sons_enrolment"."enrolment" add "assignee_id" varchar(100) null, add "assignee_email" varchar(320) null, add "assigned_at" timestamptz null, add "eligibility" jsonb null, add "validated_at" timestamptz null, add "validated_by" varchar(100) null, add "rejection_reason" text null, add "rejected_at" timestamptz null, add "rejected_by" varchar(100) null, add "nda_attachment_id" varchar(100) null, add "nda_signatory_company" varchar(300) null, add "nda_countersigned_at" timestamptz null, add "nda_countersigned_by" varchar(100) null, add "nda_countersign_mode" varchar(10) null, add "nda_countersigned_attachment_id" varchar(100) null, add "documentation_shared_at" timestamptz null, add "form2data" jsonb null, add "form2submitted_at" timestamptz null, add "test_access_secret" text null, add "test_access_granted_at" timestamptz null, add "test_access_granted_by" varchar(100) null;`);
    this.addSql(`create index "enrolment_assignee_id_index" on "sons_enrolment"."enrolment" ("assignee_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sons_enrolment"."change_request" cascade;`);
    this.addSql(`drop table if exists "sons_enrolment"."documentation_download" cascade;`);
    this.addSql(`drop table if exists "sons_enrolment"."documentation_set" cascade;`);
    this.addSql(`drop table if exists "sons_enrolment"."enrolment_message" cascade;`);
    this.addSql(`drop table if exists "sons_enrolment"."vendor" cascade;`);
    this.addSql(`drop table if exists "sons_enrolment"."vendor_identity_version" cascade;`);

    this.addSql(`drop index "sons_enrolment"."enrolment_assignee_id_index";`);
    this.addSql(`alter table "sons_enrolment"."enrolment" drop column "assignee_id", drop column "assignee_email", drop column "assigned_at", drop column "eligibility", drop column "validated_at", drop column "validated_by", drop column "rejection_reason", drop column "rejected_at", drop column "rejected_by", drop column "nda_attachment_id", drop column "nda_signatory_company", drop column "nda_countersigned_at", drop column "nda_countersigned_by", drop column "nda_countersign_mode", drop column "nda_countersigned_attachment_id", drop column "documentation_shared_at", drop column "form2data", drop column "form2submitted_at", drop column "test_access_secret", drop column "test_access_granted_at", drop column "test_access_granted_by";`);
  }

}
