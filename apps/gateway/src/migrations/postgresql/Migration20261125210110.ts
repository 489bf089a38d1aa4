import { Migration } from '@mikro-orm/migrations';

export class Migration20261125210110 extends Migration {

  override name = 'Migration20261125210110';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "sons_gateway";`);
    this.addSql(`create table "sons_gateway"."outbox_event" ("position" serial primary key, "event_id" varchar(36) not null, "nats_subject" varchar(200) not null, "case_id" varchar(100) not null, "event" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" varchar(500) null);`);
    this.addSql(`alter table "sons_gateway"."outbox_event" add constraint "outbox_event_event_id_unique" unique ("event_id");`);
    this.addSql(`create index "outbox_event_published_at_position_index" on "sons_gateway"."outbox_event" ("published_at", "position");`);

    this.addSql(`create table "sons_gateway"."processed_event" ("consumer" varchar(100) not null, "event_id" varchar(36) not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);

    this.addSql(`create table "sons_gateway"."user_session" ("token_hash" varchar(64) not null, "user_id" varchar(36) not null, "csrf_token" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "ip" varchar(100) null, primary key ("token_hash"));`);
    this.addSql(`create index "user_session_user_id_index" on "sons_gateway"."user_session" ("user_id");`);

    this.addSql(`create table "sons_gateway"."user_account" ("id" varchar(36) not null, "email" varchar(320) not null, "password_hash" varchar(300) not null, "display_name" varchar(200) not null, "roles" jsonb not null, "vendor_id" varchar(36) null, "locale" varchar(2) not null default 'fr', "failed_logins" int not null default 0, "locked_until" timestamptz null, "totp_secret" varchar(100) null, "demo" boolean not null default false, "active" boolean not null default true, "created_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "sons_gateway"."user_account" add constraint "user_account_email_unique" unique ("email");`);
    this.addSql(`create index "user_account_vendor_id_index" on "sons_gateway"."user_account" ("vendor_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sons_gateway"."outbox_event" cascade;`);
    this.addSql(`drop table if exists "sons_gateway"."processed_event" cascade;`);
    this.addSql(`drop table if exists "sons_gateway"."user_session" cascade;`);
    this.addSql(`drop table if exists "sons_gateway"."user_account" cascade;`);

    this.addSql(`drop schema if exists "sons_gateway";`);
  }

}
