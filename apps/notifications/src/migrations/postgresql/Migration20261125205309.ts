import { Migration } from '@mikro-orm/migrations';

export class Migration20261125205309 extends Migration {

  override name = 'Migration20261125205309';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "sons_notifications";`);
    this.addSql(`create table "sons_notifications"."inbox_entry" ("id" varchar(36) not null, "event_id" varchar(36) not null, "event_type" varchar(200) not null, "case_id" varchar(100) not null, "vendor_id" varchar(36) null, "sequence" int not null, "occurred_at" timestamptz not null, "recorded_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "sons_notifications"."inbox_entry" add constraint "inbox_entry_event_id_unique" unique ("event_id");`);
    this.addSql(`create index "inbox_entry_vendor_id_index" on "sons_notifications"."inbox_entry" ("vendor_id");`);
    this.addSql(`create index "inbox_entry_case_id_sequence_index" on "sons_notifications"."inbox_entry" ("case_id", "sequence");`);

    this.addSql(`create table "sons_notifications"."outbox_event" ("position" serial primary key, "event_id" varchar(36) not null, "nats_subject" varchar(200) not null, "case_id" varchar(100) not null, "event" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" varchar(500) null);`);
    this.addSql(`alter table "sons_notifications"."outbox_event" add constraint "outbox_event_event_id_unique" unique ("event_id");`);
    this.addSql(`create index "outbox_event_published_at_position_index" on "sons_notifications"."outbox_event" ("published_at", "position");`);

    this.addSql(`create table "sons_notifications"."processed_event" ("consumer" varchar(100) not null, "event_id" varchar(36) not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sons_notifications"."inbox_entry" cascade;`);
    this.addSql(`drop table if exists "sons_notifications"."outbox_event" cascade;`);
    this.addSql(`drop table if exists "sons_notifications"."processed_event" cascade;`);

    this.addSql(`drop schema if exists "sons_notifications";`);
  }

}
