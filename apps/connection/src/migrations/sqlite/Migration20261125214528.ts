import { Migration } from '@mikro-orm/migrations';

export class Migration20261125214528 extends Migration {

  override name = 'Migration20261125214528';

  override up(): void | Promise<void> {
    this.addSql(`create table \`connected_provider\` (\`id\` text not null primary key, \`connection_id\` text not null, \`position\` integer not null, \`provider_code\` text not null, \`doctor_name\` text not null, \`site_name\` text null, \`transaction_reference\` text not null, \`outcome\` text not null default 'pending', \`checks\` json not null, \`transaction_kind\` text null, \`transaction_timestamp\` datetime null, \`checked_at\` datetime null);`);
    this.addSql(`create index \`connected_provider_connection_id_position_index\` on \`connected_provider\` (\`connection_id\`, \`position\`);`);

    this.addSql(`create table \`connection_request\` (\`id\` text not null primary key, \`vendor_id\` text not null, \`vendor_name\` text not null, \`delivery_note_type\` text not null, \`label_id\` text not null, \`software_key\` text not null, \`software_name\` text not null, \`software_version\` text not null, \`labelled_at\` datetime not null, \`sites\` json not null, \`validator\` json null, \`delivery_note_attachment_id\` text not null, \`delivery_note_sha256\` text not null, \`data\` json not null, \`idempotency_key\` text null, \`status\` text not null default 'submitted', \`provider_count\` integer not null, \`passed_count\` integer not null default 0, \`submitted_at\` datetime not null, \`submitted_by\` text not null, \`updated_at\` datetime not null, \`verification_started_at\` datetime null, \`verification_started_by\` text null, \`checked_at\` datetime null, \`decided_at\` datetime null, \`decided_by\` text null, \`decision_note\` text null, \`refusal_reason\` text null, \`payment_requested_at\` datetime null, \`event_sequence\` integer not null default 0, \`version\` integer not null default 1);`);
    this.addSql(`create unique index \`connection_request_idempotency_key_unique\` on \`connection_request\` (\`idempotency_key\`);`);
    this.addSql(`create index \`connection_request_vendor_id_submitted_at_index\` on \`connection_request\` (\`vendor_id\`, \`submitted_at\`);`);
    this.addSql(`create index \`connection_request_status_submitted_at_index\` on \`connection_request\` (\`status\`, \`submitted_at\`);`);
    this.addSql(`create unique index \`connection_request_vendor_id_delivery_note_sha256_unique\` on \`connection_request\` (\`vendor_id\`, \`delivery_note_sha256\`);`);

    this.addSql(`create table \`label\` (\`id\` text not null primary key, \`label_id\` text not null, \`vendor_id\` text not null, \`software_key\` text not null, \`software_name\` text not null, \`normalized_name\` text not null, \`version\` text not null, \`labelled_at\` datetime not null, \`status\` text not null default 'active', \`extended_from\` text null, \`source_event_id\` text not null, \`updated_at\` datetime not null);`);
    this.addSql(`create index \`label_label_id_index\` on \`label\` (\`label_id\`);`);
    this.addSql(`create index \`label_vendor_id_labelled_at_index\` on \`label\` (\`vendor_id\`, \`labelled_at\`);`);
    this.addSql(`create unique index \`label_vendor_id_normalized_name_version_unique\` on \`label\` (\`vendor_id\`, \`normalized_name\`, \`version\`);`);

    this.addSql(`create table \`provider_incentive\` (\`id\` text not null primary key, \`software_key\` text not null, \`provider_code\` text not null, \`connection_id\` text not null, \`provider_id\` text not null, \`claimed_at\` datetime not null);`);
    this.addSql(`create index \`provider_incentive_connection_id_index\` on \`provider_incentive\` (\`connection_id\`);`);
    this.addSql(`create unique index \`provider_incentive_software_key_provider_code_unique\` on \`provider_incentive\` (\`software_key\`, \`provider_code\`);`);

    this.addSql(`create table \`transaction_claim\` (\`transaction_reference\` text not null primary key, \`connection_id\` text not null, \`provider_id\` text not null, \`claimed_at\` datetime not null);`);
    this.addSql(`create index \`transaction_claim_connection_id_index\` on \`transaction_claim\` (\`connection_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`connected_provider\`;`);
    this.addSql(`drop table if exists \`connection_request\`;`);
    this.addSql(`drop table if exists \`label\`;`);
    this.addSql(`drop table if exists \`provider_incentive\`;`);
    this.addSql(`drop table if exists \`transaction_claim\`;`);
  }

}
