import { Migration } from '@mikro-orm/migrations';

export class Migration20261125205309 extends Migration {

  override name = 'Migration20261125205309';

  override up(): void | Promise<void> {
    this.addSql(`create table \`inbox_entry\` (\`id\` text not null primary key, \`event_id\` text not null, \`event_type\` text not null, \`case_id\` text not null, \`vendor_id\` text null, \`sequence\` integer not null, \`occurred_at\` datetime not null, \`recorded_at\` datetime not null);`);
    this.addSql(`create unique index \`inbox_entry_event_id_unique\` on \`inbox_entry\` (\`event_id\`);`);
    this.addSql(`create index \`inbox_entry_vendor_id_index\` on \`inbox_entry\` (\`vendor_id\`);`);
    this.addSql(`create index \`inbox_entry_case_id_sequence_index\` on \`inbox_entry\` (\`case_id\`, \`sequence\`);`);

    this.addSql(`create table \`outbox_event\` (\`position\` integer not null primary key autoincrement, \`event_id\` text not null, \`nats_subject\` text not null, \`case_id\` text not null, \`event\` json not null, \`created_at\` datetime not null, \`published_at\` datetime null, \`attempts\` integer not null default 0, \`last_error\` text null);`);
    this.addSql(`create unique index \`outbox_event_event_id_unique\` on \`outbox_event\` (\`event_id\`);`);
    this.addSql(`create index \`outbox_event_published_at_position_index\` on \`outbox_event\` (\`published_at\`, \`position\`);`);

    this.addSql(`create table \`processed_event\` (\`consumer\` text not null, \`event_id\` text not null, \`processed_at\` datetime not null, primary key (\`consumer\`, \`event_id\`));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`inbox_entry\`;`);
    this.addSql(`drop table if exists \`outbox_event\`;`);
    this.addSql(`drop table if exists \`processed_event\`;`);
  }

}
