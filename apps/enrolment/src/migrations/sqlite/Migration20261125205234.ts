import { Migration } from '@mikro-orm/migrations';

export class Migration20261125205234 extends Migration {

  override name = 'Migration20261125205234';

  override up(): void | Promise<void> {
    this.addSql(`create table \`enrolment\` (\`id\` text not null primary key, \`vendor_id\` text not null, \`vendor_name\` text not null, \`person_type\` text not null, \`matricule\` text not null, \`vat_number\` text null, \`idempotency_key\` text null, \`status\` text not null default 'submitted', \`data\` json not null, \`submitted_at\` datetime not null, \`updated_at\` datetime not null, \`event_sequence\` integer not null default 0, \`version\` integer not null default 1);`);
    this.addSql(`create index \`enrolment_vendor_id_index\` on \`enrolment\` (\`vendor_id\`);`);
    this.addSql(`create unique index \`enrolment_matricule_unique\` on \`enrolment\` (\`matricule\`);`);
    this.addSql(`create unique index \`enrolment_vat_number_unique\` on \`enrolment\` (\`vat_number\`);`);
    this.addSql(`create unique index \`enrolment_idempotency_key_unique\` on \`enrolment\` (\`idempotency_key\`);`);
    this.addSql(`create index \`enrolment_status_submitted_at_index\` on \`enrolment\` (\`status\`, \`submitted_at\`);`);

    this.addSql(`create table \`outbox_event\` (\`position\` integer not null primary key autoincrement, \`event_id\` text not null, \`nats_subject\` text not null, \`case_id\` text not null, \`event\` json not null, \`created_at\` datetime not null, \`published_at\` datetime null, \`attempts\` integer not null default 0, \`last_error\` text null);`);
    this.addSql(`create unique index \`outbox_event_event_id_unique\` on \`outbox_event\` (\`event_id\`);`);
    this.addSql(`create index \`outbox_event_published_at_position_index\` on \`outbox_event\` (\`published_at\`, \`position\`);`);

    this.addSql(`create table \`processed_event\` (\`consumer\` text not null, \`event_id\` text not null, \`processed_at\` datetime not null, primary key (\`consumer\`, \`event_id\`));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`enrolment\`;`);
    this.addSql(`drop table if exists \`outbox_event\`;`);
    this.addSql(`drop table if exists \`processed_event\`;`);
  }

}
