import { Migration } from '@mikro-orm/migrations';

export class Migration20261125214528 extends Migration {

  override name = 'Migration20261125214528';

  override up(): void | Promise<void> {
    this.addSql(`create table "sons_connection"."connected_provider" ("id" varchar(36) not null, "connection_id" varchar(36) not null, "position" int not null, "provider_code" varchar(20) not null, "doctor_name" varchar(200) not null, "site_name" varchar(200) null, "transaction_reference" varchar(100) not null, "outcome" varchar(10) not null default 'pending', "checks" jsonb not null, "transaction_kind" varchar(20) null, "transaction_timestamp" timestamptz null, "checked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "connected_provider_connection_id_position_index" on "sons_connection"."connected_provider" ("connection_id", "position");`);

    this.addSql(`create table "sons_connection"."connection_request" ("id" varchar(36) not null, "vendor_id" varchar(36) not null, "vendor_name" varchar(300) not null, "delivery_note_type" varchar(20) not null, "label_id" varchar(100) not null, "software_key" varchar(200) not null, "software_name" varchar(200) not null, "software_version" varchar(50) not null, "labelled_at" timestamptz not null, "sites" jsonb not null, "validator" jsonb null, "delivery_note_attachment_id" varchar(36) not null, "delivery_note_sha256" varchar(64) not null, "data" jsonb not null, "idempotency_key" varchar(100) null, "status" varchar(30) not null default 'submitted', "provider_count" int not null, "passed_count" int not null default 0, "submitted_at" timestamptz not null, "submitted_by" varchar(100) not null, "updated_at" timestamptz not null, "verification_started_at" timestamptz null, "verification_started_by" varchar(100) null, "checked_at" timestamptz null, "decided_at" timestamptz null, "decided_by" varchar(100) null, "decision_note" text null, "refusal_reason" text null, "payment_requested_at" timestamptz null, "event_sequence" int not null default 0, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "sons_connection"."connection_request" add constraint "connection_request_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "connection_request_vendor_id_submitted_at_index" on "sons_connection"."connection_request" ("vendor_id", "submitted_at");`);
    this.addSql(`create index "connection_request_status_submitted_at_index" on "sons_connection"."connection_request" ("status", "submitted_at");`);
    this.addSql(`alter table "sons_connection"."connection_request" add constraint "connection_request_vendor_id_delivery_note_sha256_unique" unique ("vendor_id", "delivery_note_sha256");`);

    this.addSql(`create table "sons_connection"."label" ("id" varchar(100) not null, "label_id" varchar(36) not null, "vendor_id" varchar(36) not null, "software_key" varchar(200) not null, "software_name" varchar(200) not null, "normalized_name" varchar(200) not null, "version" varchar(50) not null, "labelled_at" timestamptz not null, "status" varchar(20) not null default 'active', "extended_from" varchar(50) null, "source_event_id" varchar(36) not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "label_label_id_index" on "sons_connection"."label" ("label_id");`);
    this.addSql(`create index "label_vendor_id_labelled_at_index" on "sons_connection"."label" ("vendor_id", "labelled_at");`);
    this.addSql(`alter table "sons_connection"."label" add constraint "label_vendor_id_normalized_name_version_unique" unique ("vendor_id", "normalized_name", "version");`);

    this.addSql(`create table "sons_connection"."provider_incentive" ("id" varchar(36) not null, "software_key" varchar(200) not null, "provider_code" varchar(20) not null, "connection_id" varchar(36) not null, "provider_id" varchar(36) not null, "claimed_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "provider_incentive_connection_id_index" on "sons_connection"."provider_incentive" ("connection_id");`);
    this.addSql(`alter table "sons_connection"."provider_incentive" add constraint "provider_incentive_software_key_provider_code_unique" unique ("software_key", "provider_code");`);

    this.addSql(`create table "sons_connection"."transaction_claim" ("transaction_reference" varchar(100) not null, "connection_id" varchar(36) not null, "provider_id" varchar(36) not null, "claimed_at" timestamptz not null, primary key ("transaction_reference"));`);
    this.addSql(`create index "transaction_claim_connection_id_index" on "sons_connection"."transaction_claim" ("connection_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sons_connection"."connected_provider" cascade;`);
    this.addSql(`drop table if exists "sons_connection"."connection_request" cascade;`);
    this.addSql(`drop table if exists "sons_connection"."label" cascade;`);
    this.addSql(`drop table if exists "sons_connection"."provider_incentive" cascade;`);
    this.addSql(`drop table if exists "sons_connection"."transaction_claim" cascade;`);
  }

}
