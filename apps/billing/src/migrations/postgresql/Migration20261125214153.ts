import { Migration } from '@mikro-orm/migrations';

export class Migration20261125214153 extends Migration {

  override name = 'Migration20261125214153';

  override up(): void | Promise<void> {
    this.addSql(`create table "sons_billing"."credit_note" ("id" varchar(36) not null, "number" varchar(40) not null, "invoice_id" varchar(36) not null, "issued_on" varchar(10) not null, "issued_at" timestamptz not null, "issued_by" varchar(100) not null, "reason" text not null, "excl_vat_cents" int not null, "vat_cents" int not null, "amount_incl_vat_cents" int not null, primary key ("id"));`);
    this.addSql(`alter table "sons_billing"."credit_note" add constraint "credit_note_number_unique" unique ("number");`);
    this.addSql(`alter table "sons_billing"."credit_note" add constraint "credit_note_invoice_id_unique" unique ("invoice_id");`);

    this.addSql(`create table "sons_billing"."incentive_claim" ("id" varchar(36) not null, "active_key" varchar(240) null, "software_key" varchar(200) not null, "provider_code" varchar(20) not null, "invoice_id" varchar(36) not null, "claimed_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "sons_billing"."incentive_claim" add constraint "incentive_claim_active_key_unique" unique ("active_key");`);
    this.addSql(`create index "incentive_claim_invoice_id_index" on "sons_billing"."incentive_claim" ("invoice_id");`);

    this.addSql(`create table "sons_billing"."invoice" ("id" varchar(36) not null, "number" varchar(40) not null, "year" int not null, "sequence" int not null, "connection_id" varchar(36) not null, "active_connection_id" varchar(36) null, "vendor_id" varchar(36) not null, "status" varchar(20) not null default 'issued', "issued_on" varchar(10) not null, "due_on" varchar(10) not null, "issued_at" timestamptz not null, "issuer" jsonb not null, "addressee" jsonb not null, "software_key" varchar(200) not null, "software" jsonb not null, "lines" jsonb not null, "vat_rate_percent" double precision not null, "excl_vat_cents" int not null, "vat_cents" int not null, "total_incl_vat_cents" int not null, "paid_cents" int not null default 0, "payment_flagged" boolean not null default false, "approved_at" timestamptz null, "approved_by" varchar(100) null, "exported_batch_id" varchar(36) null, "credit_note_id" varchar(36) null, "updated_at" timestamptz not null, "event_sequence" int not null default 0, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "sons_billing"."invoice" add constraint "invoice_number_unique" unique ("number");`);
    this.addSql(`create index "invoice_connection_id_index" on "sons_billing"."invoice" ("connection_id");`);
    this.addSql(`alter table "sons_billing"."invoice" add constraint "invoice_active_connection_id_unique" unique ("active_connection_id");`);
    this.addSql(`create index "invoice_exported_batch_id_index" on "sons_billing"."invoice" ("exported_batch_id");`);
    this.addSql(`create index "invoice_vendor_id_number_index" on "sons_billing"."invoice" ("vendor_id", "number");`);
    this.addSql(`create index "invoice_status_number_index" on "sons_billing"."invoice" ("status", "number");`);

    this.addSql(`create table "sons_billing"."invoice_counter" ("series" varchar(20) not null, "year" int not null, "next_value" int not null default 1, primary key ("series", "year"));`);

    this.addSql(`create table "sons_billing"."invoice_document" ("invoice_id" varchar(36) not null, "status" varchar(10) not null default 'pending', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "last_error" varchar(500) null, "document_id" varchar(36) null, "reference" varchar(100) null, "attachment_id" varchar(36) null, "sha256" varchar(64) null, "rendered_at" timestamptz null, primary key ("invoice_id"));`);
    this.addSql(`create index "invoice_document_status_next_attempt_at_index" on "sons_billing"."invoice_document" ("status", "next_attempt_at");`);

    this.addSql(`create table "sons_billing"."invoice_request" ("connection_id" varchar(36) not null, "status" varchar(10) not null default 'pending', "requested_at" timestamptz not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "last_error" varchar(500) null, "invoice_id" varchar(36) null, primary key ("connection_id"));`);
    this.addSql(`create index "invoice_request_status_next_attempt_at_index" on "sons_billing"."invoice_request" ("status", "next_attempt_at");`);

    this.addSql(`create table "sons_billing"."payment" ("id" varchar(36) not null, "invoice_id" varchar(36) not null, "paid_on" varchar(10) not null, "amount_cents" int not null, "reference" varchar(140) not null, "flags" jsonb not null, "recorded_by" varchar(100) not null, "recorded_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "payment_invoice_id_recorded_at_index" on "sons_billing"."payment" ("invoice_id", "recorded_at");`);

    this.addSql(`create table "sons_billing"."transfer_batch" ("id" varchar(36) not null, "message_id" varchar(35) not null, "created_at" timestamptz not null, "created_by" varchar(100) not null, "requested_execution_date" varchar(10) not null, "number_of_transactions" int not null, "control_sum_cents" int not null, "invoice_ids" jsonb not null, "attachment_id" varchar(36) not null, "sha256" varchar(64) not null, primary key ("id"));`);
    this.addSql(`alter table "sons_billing"."transfer_batch" add constraint "transfer_batch_message_id_unique" unique ("message_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sons_billing"."credit_note" cascade;`);
    this.addSql(`drop table if exists "sons_billing"."incentive_claim" cascade;`);
    this.addSql(`drop table if exists "sons_billing"."invoice" cascade;`);
    this.addSql(`drop table if exists "sons_billing"."invoice_counter" cascade;`);
    this.addSql(`drop table if exists "sons_billing"."invoice_document" cascade;`);
    this.addSql(`drop table if exists "sons_billing"."invoice_request" cascade;`);
    this.addSql(`drop table if exists "sons_billing"."payment" cascade;`);
    this.addSql(`drop table if exists "sons_billing"."transfer_batch" cascade;`);
  }

}
