import { Migration } from '@mikro-orm/migrations';

export class Migration20261125205534 extends Migration {

  override name = 'Migration20261125205534';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "sons_connection";`);
    this.addSql(`create table "sons_connection"."outbox_event" ("position" serial primary key, "event_id" varchar(36) not null, "nats_subject" varchar(200) not null, "case_id" varchar(100) not null, "event" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" varchar(500) null);`);
    this.addSql(`alter table "sons_connection"."outbox_event" add constraint "outbox_event_event_id_unique" unique ("event_id");`);
    this.addSql(`create index "outbox_event_published_at_position_index" on "sons_connection"."outbox_event" ("published_at", "position");`);

    this.addSql(`create table "sons_connection"."processed_event" ("consumer" varchar(100) not null, "event_id" varchar(36) not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sons_connection"."outbox_event" cascade;`);
    this.addSql(`drop table if exists "sons_connection"."processed_event" cascade;`);

    this.addSql(`drop schema if exists "sons_connection";`);
  }

}
