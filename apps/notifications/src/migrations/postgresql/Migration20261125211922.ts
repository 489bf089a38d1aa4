import { Migration } from '@mikro-orm/migrations';

export class Migration20261125211922 extends Migration {

  override name = 'Migration20261125211922';

  override up(): void | Promise<void> {
    this.addSql(`create table "sons_notifications"."email_message" ("id" varchar(36) not null, "event_id" varchar(36) not null, "event_type" varchar(200) not null, "case_id" varchar(100) not null, "vendor_id" varchar(36) null, "event_data" jsonb not null, "occurred_at" timestamptz not null, "audience" varchar(20) not null, "recipients" jsonb not null, "locale" varchar(2) not null default 'fr', "subject" varchar(500) null, "body" text null, "status" varchar(30) not null default 'pending', "attempts" int not null default 0, "next_attempt_at" timestamptz null, "locked_until" timestamptz null, "lease_token" varchar(36) null, "last_error" varchar(500) null, "smtp_message_id" varchar(300) null, "created_at" timestamptz not null, "sent_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "email_message_created_at_index" on "sons_notifications"."email_message" ("created_at");`);
    this.addSql(`create index "email_message_case_id_created_at_index" on "sons_notifications"."email_message" ("case_id", "created_at");`);
    this.addSql(`create index "email_message_status_next_attempt_at_index" on "sons_notifications"."email_message" ("status", "next_attempt_at");`);
    this.addSql(`alter table "sons_notifications"."email_message" add constraint "email_message_event_id_audience_unique" unique ("event_id", "audience");`);

    this.addSql(`create table "sons_notifications"."webhook_attempt" ("id" serial primary key, "delivery_id" varchar(36) not null, "subscription_id" varchar(36) not null, "at" timestamptz not null, "status_code" int null, "error" varchar(500) null, "duration_ms" int not null);`);
    this.addSql(`create index "webhook_attempt_subscription_id_index" on "sons_notifications"."webhook_attempt" ("subscription_id");`);
    this.addSql(`create index "webhook_attempt_delivery_id_at_index" on "sons_notifications"."webhook_attempt" ("delivery_id", "at");`);

    this.addSql(`create table "sons_notifications"."webhook_delivery" ("id" varchar(36) not null, "subscription_id" varchar(36) not null, "event_id" varchar(36) not null, "event_type" varchar(200) not null, "case_id" varchar(100) not null, "body" text not null, "status" varchar(20) not null default 'pending', "attempts" int not null default 0, "schedule_step" int not null default 0, "next_attempt_at" timestamptz null, "locked_until" timestamptz null, "lease_token" varchar(36) null, "last_status_code" int null, "last_error" varchar(500) null, "created_at" timestamptz not null, "delivered_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_status_created_at_index" on "sons_notifications"."webhook_delivery" ("status", "created_at");`);
    this.addSql(`create index "webhook_delivery_subscription_id_status_next_attempt_at_index" on "sons_notifications"."webhook_delivery" ("subscription_id", "status", "next_attempt_at");`);
    this.addSql(`alter table "sons_notifications"."webhook_delivery" add constraint "webhook_delivery_subscription_id_event_id_unique" unique ("subscription_id", "event_id");`);

    this.addSql(`create table "sons_notifications"."webhook_subscription" ("id" varchar(36) not null, "callback_url" varchar(2000) not null, "description" varchar(500) null, "event_types" jsonb not null, "vendor_id" varchar(36) null, "secret_sealed" text not null, "secret_hint" varchar(20) not null, "status" varchar(30) not null default 'pending_verification', "created_at" timestamptz not null, "created_by" varchar(100) not null, "verified_at" timestamptz null, "deleted_at" timestamptz null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "webhook_subscription_status_deleted_at_index" on "sons_notifications"."webhook_subscription" ("status", "deleted_at");`);

    this.addSql(`alter table "sons_notifications"."inbox_entry" add "data" jsonb null;`);
    this.addSql(`create index "inbox_entry_recorded_at_index" on "sons_notifications"."inbox_entry" ("recorded_at");`);
    this.addSql(`create index "inbox_entry_vendor_id_recorded_at_index" on "sons_notifications"."inbox_entry" ("vendor_id", "recorded_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sons_notifications"."email_message" cascade;`);
    this.addSql(`drop table if exists "sons_notifications"."webhook_attempt" cascade;`);
    this.addSql(`drop table if exists "sons_notifications"."webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "sons_notifications"."webhook_subscription" cascade;`);

    this.addSql(`drop index "sons_notifications"."inbox_entry_recorded_at_index";`);
    this.addSql(`drop index "sons_notifications"."inbox_entry_vendor_id_recorded_at_index";`);
    this.addSql(`alter table "sons_notifications"."inbox_entry" drop column "data";`);
  }

}
