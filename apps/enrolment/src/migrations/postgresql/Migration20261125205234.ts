import { Migration } from '@mikro-orm/migrations';

export class Migration20261125205234 extends Migration {

  override name = 'Migration20261125205234';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "sons_enrolment";`);
    this.addSql(`create table "sons_enrolment"."enrolment" ("id" varchar(36) not null, "vendor_id" varchar(36) not null, "vendor_name" varchar(300) not null, "person_type" varchar(10) not null, "matricule" varchar(13) not null, "vat_number" varchar(20) null, "idempotency_key" varchar(100) null, "status" varchar(40) not null default 'submitted', "data" jsonb not null, "submitted_at" timestamptz not null, "updated_at" timestamptz not null, "event_sequence" int not null default 0, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "enrolment_vendor_id_index" on "sons_enrolment"."enrolment" ("vendor_id");`);
    this.addSql(`alter table "sons_enrolment"."enrolment" add constraint "enrolment_matricule_unique" unique ("matricule");`);
    this.addSql(`alter table "sons_enrolment"."enrolment" add constraint "enrolment_vat_number_unique" unique ("vat_number");`);
    this.addSql(`alter table "sons_enrolment"."enrolment" add constraint "enrolment_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "enrolment_status_submitted_at_index" on "sons_enrolment"."enrolment" ("status", "submitted_at");`);

    this.addSql(`create table "sons_enrolment"."outbox_event" ("position" serial primary key, "event_id" varchar(36) not null, "nats_subject" varchar(200) not null, "case_id" varchar(100) not null, "event" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" varchar(500) null);`);
    this.addSql(`alter table "sons_enrolment"."outbox_event" add constraint "outbox_event_event_id_unique" unique ("event_id");`);
    this.addSql(`create index "outbox_event_published_at_position_index" on "sons_enrolment"."outbox_event" ("published_at", "position");`);

    this.addSql(`create table "sons_enrolment"."processed_event" ("consumer" varchar(100) not null, "event_id" varchar(36) not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sons_enrolment"."enrolment" cascade;`);
    this.addSql(`drop table if exists "sons_enrolment"."outbox_event" cascade;`);
    this.addSql(`drop table if exists "sons_enrolment"."processed_event" cascade;`);

    this.addSql(`drop schema if exists "sons_enrolment";`);
  }

}
