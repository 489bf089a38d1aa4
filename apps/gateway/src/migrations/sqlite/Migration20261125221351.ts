import { Migration } from '@mikro-orm/migrations';

export class Migration20261125221351 extends Migration {

  override name = 'Migration20261125221351';

  override up(): void | Promise<void> {
    this.addSql(`create table \`form_definition_version\` (\`id\` text not null primary key, \`form_key\` text not null, \`version\` integer not null, \`status\` text not null, \`schema\` json not null, \`i18n\` json null, \`title\` json null, \`based_on\` integer null, \`author\` text not null, \`change_note\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`published_at\` datetime null, \`published_by\` text null, \`retired_at\` datetime null, \`lock\` integer not null default 1);`);
    this.addSql(`create index \`form_definition_version_form_key_status_index\` on \`form_definition_version\` (\`form_key\`, \`status\`);`);
    this.addSql(`create unique index \`form_definition_version_form_key_version_unique\` on \`form_definition_version\` (\`form_key\`, \`version\`);`);

    this.addSql(`create table \`form_submission\` (\`id\` text not null primary key, \`form_key\` text not null, \`form_version\` integer not null, \`owner\` text not null, \`vendor_id\` text null, \`slot\` text not null default 'current', \`data\` json not null, \`status\` text not null default 'draft', \`updated_by\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`lock\` integer not null default 1);`);
    this.addSql(`create unique index \`form_submission_form_key_owner_slot_unique\` on \`form_submission\` (\`form_key\`, \`owner\`, \`slot\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`form_definition_version\`;`);
    this.addSql(`drop table if exists \`form_submission\`;`);
  }

}
