import { Migration } from '@mikro-orm/migrations';

export class Migration20261125211922 extends Migration {

  override name = 'Migration20261125211922';

  override up(): void | Promise<void> {
    this.addSql(`create table \`email_message\` (\`id\` text not null primary key, \`event_id\` text not null, \`event_type\` text not null, \`case_id\` text not null, \`vendor_id\` text null, \`event_data\` json not null, \`occurred_at\` datetime not null, \`audience\` text not null, \`recipients\` json not null, \`locale\` text not null default 'fr', \`subject\` text null, \`body\` text null, \`status\` text not null default 'pending', \`attempts\` integer not null default 0, \`next_attempt_at\` datetime null, \`locked_until\` datetime null, \`lease_token\` text null, \`last_error\` text null, \`smtp_message_id\` text null, \`created_at\` datetime not null, \`sent_at\` datetime null);`);
    this.addSql(`create index \`email_message_created_at_index\` on \`email_message\` (\`created_at\`);`);
    this.addSql(`create index \`email_message_case_id_created_at_index\` on \`email_message\` (\`case_id\`, \`created_at\`);`);
    this.addSql(`create index \`email_message_status_next_attempt_at_index\` on \`email_message\` (\`status\`, \`next_attempt_at\`);`);
    this.addSql(`create unique index \`email_message_event_id_audience_unique\` on \`email_message\` (\`event_id\`, \`audience\`);`);

    this.addSql(`create table \`webhook_attempt\` (\`id\` integer not null primary key autoincrement, \`delivery_id\` text not null, \`subscription_id\` text not null, \`at\` datetime not null, \`status_code\` integer null, \`error\` text null, \`duration_ms\` integer not null);`);
    this.addSql(`create index \`webhook_attempt_subscription_id_index\` on \`webhook_attempt\` (\`subscription_id\`);`);
    this.addSql(`create index \`webhook_attempt_delivery_id_at_index\` on \`webhook_attempt\` (\`delivery_id\`, \`at\`);`);

    this.addSql(`create table \`webhook_delivery\` (\`id\` text not null primary key, \`subscription_id\` text not null, \`event_id\` text not null, \`event_type\` text not null, \`case_id\` text not null, \`body\` text not null, \`status\` text not null default 'pending', \`attempts\` integer not null default 0, \`schedule_step\` integer not null default 0, \`next_attempt_at\` datetime null, \`locked_until\` datetime null, \`lease_token\` text null, \`last_status_code\` integer null, \`last_error\` text null, \`created_at\` datetime not null, \`delivered_at\` datetime null);`);
    this.addSql(`create index \`webhook_delivery_status_created_at_index\` on \`webhook_delivery\` (\`status\`, \`created_at\`);`);
    this.addSql(`create index \`webhook_delivery_subscription_id_status_next_attempt_at_index\` on \`webhook_delivery\` (\`subscription_id\`, \`status\`, \`next_attempt_at\`);`);
    this.addSql(`create unique index \`webhook_delivery_subscription_id_event_id_unique\` on \`webhook_delivery\` (\`subscription_id\`, \`event_id\`);`);

    this.addSql(`create table \`webhook_subscription\` (\`id\` text not null primary key, \`callback_url\` text not null, \`description\` text null, \`event_types\` json not null, \`vendor_id\` text null, \`secret_sealed\` text not null, \`secret_hint\` text not null, \`status\` text not null default 'pending_verification', \`created_at\` datetime not null, \`created_by\` text not null, \`verified_at\` datetime null, \`deleted_at\` datetime null, \`version\` integer not null default 1);`);
    this.addSql(`create index \`webhook_subscription_status_deleted_at_index\` on \`webhook_subscription\` (\`status\`, \`deleted_at\`);`);

    this.addSql(`alter table \`inbox_entry\` add column \`data\` json null;`);
    this.addSql(`create index \`inbox_entry_recorded_at_index\` on \`inbox_entry\` (\`recorded_at\`);`);
    this.addSql(`create index \`inbox_entry_vendor_id_recorded_at_index\` on \`inbox_entry\` (\`vendor_id\`, \`recorded_at\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`email_message\`;`);
    this.addSql(`drop table if exists \`webhook_attempt\`;`);
    this.addSql(`drop table if exists \`webhook_delivery\`;`);
    this.addSql(`drop table if exists \`webhook_subscription\`;`);

    this.addSql(`drop index \`inbox_entry_recorded_at_index\`;`);
    this.addSql(`drop index \`inbox_entry_vendor_id_recorded_at_index\`;`);
    this.addSql(`alter table \`inbox_entry\` drop column \`data\`;`);
  }

}
