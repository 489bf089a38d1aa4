import { Migration } from '@mikro-orm/migrations';

export class Migration20261125215133 extends Migration {

  override name = 'Migration20261125215133';

  override up(): void | Promise<void> {
    this.addSql(`create table "sons_labelling"."labelling_evidence" ("id" varchar(36) not null, "request_id" varchar(36) not null, "iteration" int not null, "position" int not null, "requirement_id" varchar(50) not null, "result" varchar(20) not null, "justification" text null, "files" jsonb not null, "added_at" timestamptz not null, "added_by" varchar(100) not null, primary key ("id"));`);
    this.addSql(`create index "labelling_evidence_request_id_iteration_position_index" on "sons_labelling"."labelling_evidence" ("request_id", "iteration", "position");`);

    this.addSql(`create table "sons_labelling"."labelling_label" ("id" varchar(36) not null, "label_number" varchar(40) not null, "vendor_id" varchar(36) not null, "vendor_name" varchar(300) not null, "software_id" varchar(36) not null, "software_name" varchar(200) not null, "version_id" varchar(36) not null, "version" varchar(50) not null, "request_id" varchar(36) not null, "recl_version" varchar(20) null, "status" varchar(20) not null default 'labelled', "labelled_at" timestamptz not null, "status_changed_at" timestamptz not null, "attestation_document_id" varchar(36) not null, "attestation_reference" varchar(100) not null, "attestation_attachment_id" varchar(100) not null, "attestation_sha256" varchar(64) not null, "withdrawn_reason" text null, "event_sequence" int not null default 0, "row_version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "sons_labelling"."labelling_label" add constraint "labelling_label_label_number_unique" unique ("label_number");`);
    this.addSql(`create index "labelling_label_vendor_id_index" on "sons_labelling"."labelling_label" ("vendor_id");`);
    this.addSql(`alter table "sons_labelling"."labelling_label" add constraint "labelling_label_version_id_unique" unique ("version_id");`);
    this.addSql(`create index "labelling_label_status_index" on "sons_labelling"."labelling_label" ("status");`);

    this.addSql(`create table "sons_labelling"."labelling_request" ("id" varchar(36) not null, "reference" varchar(30) not null, "vendor_id" varchar(36) not null, "vendor_name" varchar(300) not null, "software_id" varchar(36) not null, "software_name" varchar(200) not null, "version_id" varchar(36) not null, "version" varchar(50) not null, "kind" varchar(10) not null, "status" varchar(30) not null default 'draft', "iteration" int not null default 0, "integration_mode" varchar(20) not null, "recl_version" varchar(20) null, "declaration" boolean not null default false, "draft_evidence" jsonb null, "idempotency_key" varchar(100) null, "queued_at" timestamptz null, "assignee_id" varchar(100) null, "assigned_at" timestamptz null, "submitted_at" timestamptz null, "tests_passed_at" timestamptz null, "agreement_signed_at" timestamptz null, "labelled_at" timestamptz null, "label_id" varchar(36) null, "created_by" varchar(100) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "event_sequence" int not null default 0, "row_version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "sons_labelling"."labelling_request" add constraint "labelling_request_reference_unique" unique ("reference");`);
    this.addSql(`create index "labelling_request_version_id_index" on "sons_labelling"."labelling_request" ("version_id");`);
    this.addSql(`alter table "sons_labelling"."labelling_request" add constraint "labelling_request_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "labelling_request_assignee_id_index" on "sons_labelling"."labelling_request" ("assignee_id");`);
    this.addSql(`create index "labelling_request_vendor_id_created_at_index" on "sons_labelling"."labelling_request" ("vendor_id", "created_at");`);
    this.addSql(`create index "labelling_request_status_queued_at_id_index" on "sons_labelling"."labelling_request" ("status", "queued_at", "id");`);

    this.addSql(`create table "sons_labelling"."labelling_document" ("id" varchar(36) not null, "request_id" varchar(36) not null, "iteration" int not null, "kind" varchar(30) not null, "document_id" varchar(36) null, "reference" varchar(100) null, "attachment_id" varchar(100) not null, "sha256" varchar(64) not null, "verify_url" varchar(500) null, "created_by" varchar(100) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "labelling_document_request_id_created_at_index" on "sons_labelling"."labelling_document" ("request_id", "created_at");`);

    this.addSql(`create table "sons_labelling"."labelling_message" ("id" varchar(36) not null, "request_id" varchar(36) not null, "iteration" int not null, "kind" varchar(30) not null, "author_id" varchar(100) not null, "author_role" varchar(10) not null, "body" text not null, "checklist" jsonb not null, "files" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "labelling_message_request_id_created_at_index" on "sons_labelling"."labelling_message" ("request_id", "created_at");`);

    this.addSql(`create table "sons_labelling"."labelling_queue_decision" ("id" varchar(36) not null, "request_id" varchar(36) not null, "head_request_id" varchar(36) not null, "position" int not null, "operator_id" varchar(100) not null, "reason" text not null, "decided_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "labelling_queue_decision_decided_at_id_index" on "sons_labelling"."labelling_queue_decision" ("decided_at", "id");`);

    this.addSql(`create table "sons_labelling"."labelling_recl" ("id" varchar(36) not null, "version" varchar(20) not null, "title" varchar(200) not null, "notes" text null, "requirements" jsonb not null, "technical_documentation_version" varchar(50) null, "published_at" timestamptz not null, "published_by" varchar(100) not null, "flagged_labels" int not null default 0, primary key ("id"));`);
    this.addSql(`alter table "sons_labelling"."labelling_recl" add constraint "labelling_recl_version_unique" unique ("version");`);
    this.addSql(`create index "labelling_recl_published_at_index" on "sons_labelling"."labelling_recl" ("published_at");`);

    this.addSql(`create table "sons_labelling"."labelling_registry_entry" ("id" varchar(36) not null, "label_id" varchar(36) not null, "vendor_id" varchar(36) not null, "vendor_name" varchar(300) not null, "software_id" varchar(36) not null, "software_name" varchar(200) not null, "version_id" varchar(36) not null, "version" varchar(50) not null, "extended_from" varchar(50) null, "label_number" varchar(40) not null, "label_date" timestamptz not null, "attestation_reference" varchar(100) null, "recl_version" varchar(20) null, "status" varchar(20) not null, "status_changed_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "labelling_registry_entry_label_id_index" on "sons_labelling"."labelling_registry_entry" ("label_id");`);
    this.addSql(`alter table "sons_labelling"."labelling_registry_entry" add constraint "labelling_registry_entry_version_id_unique" unique ("version_id");`);
    this.addSql(`create index "labelling_registry_entry_status_label_date_id_index" on "sons_labelling"."labelling_registry_entry" ("status", "label_date", "id");`);
    this.addSql(`create index "labelling_registry_entry_label_date_id_index" on "sons_labelling"."labelling_registry_entry" ("label_date", "id");`);

    this.addSql(`create table "sons_labelling"."labelling_software" ("id" varchar(36) not null, "vendor_id" varchar(36) not null, "vendor_name" varchar(300) not null, "name" varchar(200) not null, "normalized_name" varchar(200) not null, "created_at" timestamptz not null, "event_sequence" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "labelling_software_vendor_id_index" on "sons_labelling"."labelling_software" ("vendor_id");`);
    this.addSql(`alter table "sons_labelling"."labelling_software" add constraint "labelling_software_vendor_id_normalized_name_unique" unique ("vendor_id", "normalized_name");`);

    this.addSql(`create table "sons_labelling"."labelling_software_version" ("id" varchar(36) not null, "software_id" varchar(36) not null, "vendor_id" varchar(36) not null, "version" varchar(50) not null, "normalized_version" varchar(50) not null, "kind" varchar(10) not null, "based_on_version" varchar(50) null, "changes" text null, "declared_at" timestamptz not null, "declared_by" varchar(100) not null, "label_id" varchar(36) null, "incentive_eligible" boolean not null default true, primary key ("id"));`);
    this.addSql(`create index "labelling_software_version_software_id_index" on "sons_labelling"."labelling_software_version" ("software_id");`);
    this.addSql(`create index "labelling_software_version_label_id_index" on "sons_labelling"."labelling_software_version" ("label_id");`);
    this.addSql(`alter table "sons_labelling"."labelling_software_version" add constraint "labelling_software_version_software_id_normalized_f889e_unique" unique ("software_id", "normalized_version");`);

    this.addSql(`create table "sons_labelling"."labelling_vendor_access" ("vendor_id" varchar(36) not null, "enrolment_id" varchar(36) not null, "granted_at" timestamptz not null, "source_event_id" varchar(36) not null, primary key ("vendor_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sons_labelling"."labelling_evidence" cascade;`);
    this.addSql(`drop table if exists "sons_labelling"."labelling_label" cascade;`);
    this.addSql(`drop table if exists "sons_labelling"."labelling_request" cascade;`);
    this.addSql(`drop table if exists "sons_labelling"."labelling_document" cascade;`);
    this.addSql(`drop table if exists "sons_labelling"."labelling_message" cascade;`);
    this.addSql(`drop table if exists "sons_labelling"."labelling_queue_decision" cascade;`);
    this.addSql(`drop table if exists "sons_labelling"."labelling_recl" cascade;`);
    this.addSql(`drop table if exists "sons_labelling"."labelling_registry_entry" cascade;`);
    this.addSql(`drop table if exists "sons_labelling"."labelling_software" cascade;`);
    this.addSql(`drop table if exists "sons_labelling"."labelling_software_version" cascade;`);
    this.addSql(`drop table if exists "sons_labelling"."labelling_vendor_access" cascade;`);
  }

}
