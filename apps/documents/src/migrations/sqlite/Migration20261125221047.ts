import { Migration } from '@mikro-orm/migrations';

export class Migration20261125221047 extends Migration {

  override name = 'Migration20261125221047';

  override up(): void | Promise<void> {
    this.addSql(`create table \`document_template_version\` (\`id\` text not null primary key, \`key\` text not null, \`version\` integer not null, \`status\` text not null default 'draft', \`published_key\` text null, \`draft_key\` text null, \`title\` json not null, \`locales\` json not null, \`layout\` text not null, \`css\` text not null, \`partials\` json not null, \`messages\` json not null, \`schema\` json not null, \`sample\` json not null, \`author\` text not null, \`change_note\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`published_at\` datetime null, \`retired_at\` datetime null, \`row_version\` integer not null default 1, \`event_sequence\` integer not null default 0);`);
    this.addSql(`create unique index \`document_template_version_published_key_unique\` on \`document_template_version\` (\`published_key\`);`);
    this.addSql(`create unique index \`document_template_version_draft_key_unique\` on \`document_template_version\` (\`draft_key\`);`);
    this.addSql(`create index \`document_template_version_key_status_index\` on \`document_template_version\` (\`key\`, \`status\`);`);
    this.addSql(`create unique index \`document_template_version_key_version_unique\` on \`document_template_version\` (\`key\`, \`version\`);`);

    this.addSql(`create table \`rendered_document\` (\`id\` text not null primary key, \`reference\` text not null, \`case_id\` text not null, \`vendor_id\` text null, \`title\` text not null, \`template_key\` text not null, \`template_version\` integer not null, \`locale\` text not null, \`attachment_id\` text not null, \`sha256\` text not null, \`pages\` integer not null, \`size\` integer not null, \`status\` text not null default 'valid', \`data\` json not null, \`idempotency_key\` text null, \`superseded_by\` text null, \`withdrawn_reason\` text null, \`withdrawn_by\` text null, \`status_changed_at\` datetime null, \`created_at\` datetime not null, \`row_version\` integer not null default 1, \`event_sequence\` integer not null default 0);`);
    this.addSql(`create unique index \`rendered_document_reference_unique\` on \`rendered_document\` (\`reference\`);`);
    this.addSql(`create unique index \`rendered_document_idempotency_key_unique\` on \`rendered_document\` (\`idempotency_key\`);`);
    this.addSql(`create index \`rendered_document_vendor_id_created_at_index\` on \`rendered_document\` (\`vendor_id\`, \`created_at\`);`);
    this.addSql(`create index \`rendered_document_case_id_created_at_index\` on \`rendered_document\` (\`case_id\`, \`created_at\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`document_template_version\`;`);
    this.addSql(`drop table if exists \`rendered_document\`;`);
  }

}
