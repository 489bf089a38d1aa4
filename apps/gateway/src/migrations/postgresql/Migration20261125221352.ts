import { Migration } from '@mikro-orm/migrations';

export class Migration20261125221352 extends Migration {

  override name = 'Migration20261125221352';

  override up(): void | Promise<void> {
    this.addSql(`create table "sons_gateway"."form_definition_version" ("id" varchar(36) not null, "form_key" varchar(50) not null, "version" int not null, "status" varchar(20) not null, "schema" jsonb not null, "i18n" jsonb null, "title" jsonb null, "based_on" int null, "author" varchar(320) not null, "change_note" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "published_at" timestamptz null, "published_by" varchar(320) null, "retired_at" timestamptz null, "lock" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "form_definition_version_form_key_status_index" on "sons_gateway"."form_definition_version" ("form_key", "status");`);
    this.addSql(`alter table "sons_gateway"."form_definition_version" add constraint "form_definition_version_form_key_version_unique" unique ("form_key", "version");`);

    this.addSql(`create table "sons_gateway"."form_submission" ("id" varchar(36) not null, "form_key" varchar(50) not null, "form_version" int not null, "owner" varchar(80) not null, "vendor_id" varchar(36) null, "slot" varchar(80) not null default 'current', "data" jsonb not null, "status" varchar(20) not null default 'draft', "updated_by" varchar(320) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "lock" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "sons_gateway"."form_submission" add constraint "form_submission_form_key_owner_slot_unique" unique ("form_key", "owner", "slot");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sons_gateway"."form_definition_version" cascade;`);
    this.addSql(`drop table if exists "sons_gateway"."form_submission" cascade;`);
  }

}
