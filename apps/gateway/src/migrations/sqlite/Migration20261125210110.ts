import { Migration } from '@mikro-orm/migrations';

export class Migration20261125210110 extends Migration {

  override name = 'Migration20261125210110';

  override up(): void | Promise<void> {
    this.addSql(`create table \`outbox_event\` (\`position\` integer not null primary key autoincrement, \`event_id\` text not null, \`nats_subject\` text not null, \`case_id\` text not null, \`event\` json not null, \`created_at\` datetime not null, \`published_at\` datetime null, \`attempts\` integer not null default 0, \`last_error\` text null);`);
    this.addSql(`create unique index \`outbox_event_event_id_unique\` on \`outbox_event\` (\`event_id\`);`);
    this.addSql(`create index \`outbox_event_published_at_position_index\` on \`outbox_event\` (\`published_at\`, \`position\`);`);

    this.addSql(`create table \`processed_event\` (\`consumer\` text not null, \`event_id\` text not null, \`processed_at\` datetime not null, primary key (\`consumer\`, \`event_id\`));`);

    this.addSql(`create table \`user_session\` (\`token_hash\` text not null primary key, \`user_id\` text not null, \`csrf_token\` text not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`ip\` text null);`);
    this.addSql(`create index \`user_session_user_id_index\` on \`user_session\` (\`user_id\`);`);

    this.addSql(`create table \`user_account\` (\`id\` text not null primary key, \`email\` text not null, \`password_hash\` text not null, \`display_name\` text not null, \`roles\` json not null, \`vendor_id\` text null, \`locale\` text not null default 'fr', \`failed_logins\` integer not null default 0, \`locked_until\` datetime null, \`totp_secret\` text null, \`demo\` integer not null default false, \`active\` integer not null default true, \`created_at\` datetime not null, \`version\` integer not null default 1);`);
    this.addSql(`create unique index \`user_account_email_unique\` on \`user_account\` (\`email\`);`);
    this.addSql(`create index \`user_account_vendor_id_index\` on \`user_account\` (\`vendor_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`outbox_event\`;`);
    this.addSql(`drop table if exists \`processed_event\`;`);
    this.addSql(`drop table if exists \`user_session\`;`);
    this.addSql(`drop table if exists \`user_account\`;`);
  }

}
