import { Migration } from '@mikro-orm/migrations';

export class Migration20261125221048 extends Migration {

  override name = 'Migration20261125221048';

  override up(): void | Promise<void> {
    this.addSql(`create table "sons_documents"."document_template_version" ("id" varchar(36) not null, "key" varchar(60) not null, "version" int not null, "status" varchar(20) not null default 'draft', "published_key" varchar(60) null, "draft_key" varchar(60) null, "title" jsonb not null, "locales" jsonb not null, "layout" text not null, "css" text not null, "partials" jsonb not null, "messages" jsonb not null, "schema" jsonb not null, "sample" jsonb not null, "author" varchar(200) not null, "change_note" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "published_at" timestamptz null, "retired_at" timestamptz null, "row_version" int not null default 1, "event_sequence" int not null default 0, primary key ("id"));`);
    this.addSql(`alter table "sons_documents"."document_template_version" add constraint "document_template_version_published_key_unique" unique ("published_key");`);
    this.addSql(`alter table "sons_documents"."document_template_version" add constraint "document_template_version_draft_key_unique" unique ("draft_key");`);
    this.addSql(`create index "document_template_version_key_status_index" on "sons_documents"."document_template_version" ("key", "status");`);
    this.addSql(`alter table "sons_documents"."document_template_version" add constraint "document_template_version_key_version_unique" unique ("key", "version");`);

    this.addSql(`create table "sons_documents"."rendered_document" ("id" varchar(36) not null, "reference" varchar(80) not null, "case_id" varchar(100) not null, "vendor_id" varchar(36) null, "title" varchar(300) not null, "template_key" varchar(60) not null, "template_version" int not null, "locale" varchar(5) not null, "attachment_id" varchar(36) not null, "sha256" varchar(64) not null, "pages" int not null, "size" int not null, "status" varchar(20) not null default 'valid', "data" jsonb not null, "idempotency_key" varchar(200) null, "superseded_by" varchar(36) null, "withdrawn_reason" text null, "withdrawn_by" varchar(100) null, "status_changed_at" timestamptz null, "created_at" timestamptz not null, "row_version" int not null default 1, "event_sequence" int not null default 0, primary key ("id"));`);
    this.addSql(`alter table "sons_documents"."rendered_document" add constraint "rendered_document_reference_unique" unique ("reference");`);
    this.addSql(`alter table "sons_documents"."rendered_document" add constraint "rendered_document_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "rendered_document_vendor_id_created_at_index" on "sons_documents"."rendered_document" ("vendor_id", "created_at");`);
    this.addSql(`create index "rendered_document_case_id_created_at_index" on "sons_documents"."rendered_document" ("case_id", "created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sons_documents"."document_template_version" cascade;`);
    this.addSql(`drop table if exists "sons_documents"."rendered_document" cascade;`);
  }

}
