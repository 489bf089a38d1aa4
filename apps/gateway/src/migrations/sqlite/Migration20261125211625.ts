import { Migration } from '@mikro-orm/migrations';

export class Migration20261125211625 extends Migration {

  override name = 'Migration20261125211625';

  override up(): void | Promise<void> {
    this.addSql(`create table \`audit_entry\` (\`id\` integer not null primary key autoincrement, \`chain\` text not null, \`seq\` integer not null, \`at\` datetime not null, \`action\` text not null, \`resource\` text null, \`method\` text not null, \`route\` text not null, \`path\` text not null, \`case_id\` text null, \`status\` integer not null, \`outcome\` text not null, \`user_id\` text null, \`email\` text null, \`roles\` json not null, \`vendor_id\` text null, \`ip\` text null, \`user_agent\` text null, \`correlation_id\` text null, \`changes\` json null, \`details\` json null, \`prev_hash\` text not null, \`hash\` text not null);`);
    this.addSql(`create index \`audit_entry_user_id_id_index\` on \`audit_entry\` (\`user_id\`, \`id\`);`);
    this.addSql(`create index \`audit_entry_case_id_id_index\` on \`audit_entry\` (\`case_id\`, \`id\`);`);
    this.addSql(`create unique index \`audit_entry_chain_seq_unique\` on \`audit_entry\` (\`chain\`, \`seq\`);`);

    this.addSql(`create table \`identity_token\` (\`id\` text not null primary key, \`token_hash\` text not null, \`purpose\` text not null, \`email\` text not null, \`user_id\` text null, \`vendor_id\` text null, \`roles\` json null, \`created_by\` text null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`used_at\` datetime null, \`revoked_at\` datetime null);`);
    this.addSql(`create unique index \`identity_token_token_hash_unique\` on \`identity_token\` (\`token_hash\`);`);
    this.addSql(`create index \`identity_token_user_id_index\` on \`identity_token\` (\`user_id\`);`);
    this.addSql(`create index \`identity_token_vendor_id_index\` on \`identity_token\` (\`vendor_id\`);`);
    this.addSql(`create index \`identity_token_purpose_email_index\` on \`identity_token\` (\`purpose\`, \`email\`);`);

    this.addSql(`alter table \`user_account\` add column \`totp_pending_secret\` text null;`);
    this.addSql(`alter table \`user_account\` add column \`totp_last_step\` integer null;`);
    this.addSql(`alter table \`user_account\` add column \`last_login_at\` datetime null;`);
    this.addSql(`alter table \`user_account\` add column \`created_by\` text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`audit_entry\`;`);
    this.addSql(`drop table if exists \`identity_token\`;`);

    this.addSql(`alter table \`user_account\` drop column \`totp_pending_secret\`;`);
    this.addSql(`alter table \`user_account\` drop column \`totp_last_step\`;`);
    this.addSql(`alter table \`user_account\` drop column \`last_login_at\`;`);
    this.addSql(`alter table \`user_account\` drop column \`created_by\`;`);
  }

}
