import { Migration } from '@mikro-orm/migrations';

export class Migration20261125205534 extends Migration {

  override name = 'Migration20261125205534';

  override up(): void | Promise<void> {
    this.addSql(`create table \`outbox_event\` (\`position\` integer not null primary key autoincrement, \`event_id\` text not null, \`nats_subject\` text not null, \`case_id\` text not null, \`event\` json not null, \`created_at\` datetime not null, \`published_at\` datetime null, \`attempts\` integer not null default 0, \`last_error\` text null);`);
    this.addSql(`create unique index \`outbox_event_event_id_unique\` on \`outbox_event\` (\`event_id\`);`);
    this.addSql(`create index \`outbox_event_published_at_position_index\` on \`outbox_event\` (\`published_at\`, \`position\`);`);

    this.addSql(`create table \`processed_event\` (\`consumer\` text not null, \`event_id\` text not null, \`processed_at\` datetime not null, primary key (\`consumer\`, \`event_id\`));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`outbox_event\`;`);
    this.addSql(`drop table if exists \`processed_event\`;`);
  }

}
