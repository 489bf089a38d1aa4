import { Migration } from '@mikro-orm/migrations';

export class Migration20261125214153 extends Migration {

  override name = 'Migration20261125214153';

  override up(): void | Promise<void> {
    this.addSql(`create table \`credit_note\` (\`id\` text not null primary key, \`number\` text not null, \`invoice_id\` text not null, \`issued_on\` text not null, \`issued_at\` datetime not null, \`issued_by\` text not null, \`reason\` text not null, \`excl_vat_cents\` integer not null, \`vat_cents\` integer not null, \`amount_incl_vat_cents\` integer not null);`);
    this.addSql(`create unique index \`credit_note_number_unique\` on \`credit_note\` (\`number\`);`);
    this.addSql(`create unique index \`credit_note_invoice_id_unique\` on \`credit_note\` (\`invoice_id\`);`);

    this.addSql(`create table \`incentive_claim\` (\`id\` text not null primary key, \`active_key\` text null, \`software_key\` text not null, \`provider_code\` text not null, \`invoice_id\` text not null, \`claimed_at\` datetime not null);`);
    this.addSql(`create unique index \`incentive_claim_active_key_unique\` on \`incentive_claim\` (\`active_key\`);`);
    this.addSql(`create index \`incentive_claim_invoice_id_index\` on \`incentive_claim\` (\`invoice_id\`);`);

    this.addSql(`create table \`invoice\` (\`id\` text not null primary key, \`number\` text not null, \`year\` integer not null, \`sequence\` integer not null, \`connection_id\` text not null, \`active_connection_id\` text null, \`vendor_id\` text not null, \`status\` text not null default 'issued', \`issued_on\` text not null, \`due_on\` text not null, \`issued_at\` datetime not null, \`issuer\` json not null, \`addressee\` json not null, \`software_key\` text not null, \`software\` json not null, \`lines\` json not null, \`vat_rate_percent\` double not null, \`excl_vat_cents\` integer not null, \`vat_cents\` integer not null, \`total_incl_vat_cents\` integer not null, \`paid_cents\` integer not null default 0, \`payment_flagged\` integer not null default false, \`approved_at\` datetime null, \`approved_by\` text null, \`exported_batch_id\` text null, \`credit_note_id\` text null, \`updated_at\` datetime not null, \`event_sequence\` integer not null default 0, \`version\` integer not null default 1);`);
    this.addSql(`create unique index \`invoice_number_unique\` on \`invoice\` (\`number\`);`);
    this.addSql(`create index \`invoice_connection_id_index\` on \`invoice\` (\`connection_id\`);`);
    this.addSql(`create unique index \`invoice_active_connection_id_unique\` on \`invoice\` (\`active_connection_id\`);`);
    this.addSql(`create index \`invoice_exported_batch_id_index\` on \`invoice\` (\`exported_batch_id\`);`);
    this.addSql(`create index \`invoice_vendor_id_number_index\` on \`invoice\` (\`vendor_id\`, \`number\`);`);
    this.addSql(`create index \`invoice_status_number_index\` on \`invoice\` (\`status\`, \`number\`);`);

    this.addSql(`create table \`invoice_counter\` (\`series\` text not null, \`year\` integer not null, \`next_value\` integer not null default 1, primary key (\`series\`, \`year\`));`);

    this.addSql(`create table \`invoice_document\` (\`invoice_id\` text not null primary key, \`status\` text not null default 'pending', \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`last_error\` text null, \`document_id\` text null, \`reference\` text null, \`attachment_id\` text null, \`sha256\` text null, \`rendered_at\` datetime null);`);
    this.addSql(`create index \`invoice_document_status_next_attempt_at_index\` on \`invoice_document\` (\`status\`, \`next_attempt_at\`);`);

    this.addSql(`create table \`invoice_request\` (\`connection_id\` text not null primary key, \`status\` text not null default 'pending', \`requested_at\` datetime not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`last_error\` text null, \`invoice_id\` text null);`);
    this.addSql(`create index \`invoice_request_status_next_attempt_at_index\` on \`invoice_request\` (\`status\`, \`next_attempt_at\`);`);

    this.addSql(`create table \`payment\` (\`id\` text not null primary key, \`invoice_id\` text not null, \`paid_on\` text not null, \`amount_cents\` integer not null, \`reference\` text not null, \`flags\` json not null, \`recorded_by\` text not null, \`recorded_at\` datetime not null);`);
    this.addSql(`create index \`payment_invoice_id_recorded_at_index\` on \`payment\` (\`invoice_id\`, \`recorded_at\`);`);

    this.addSql(`create table \`transfer_batch\` (\`id\` text not null primary key, \`message_id\` text not null, \`created_at\` datetime not null, \`created_by\` text not null, \`requested_execution_date\` text not null, \`number_of_transactions\` integer not null, \`control_sum_cents\` integer not null, \`invoice_ids\` json not null, \`attachment_id\` text not null, \`sha256\` text not null);`);
    this.addSql(`create unique index \`transfer_batch_message_id_unique\` on \`transfer_batch\` (\`message_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`credit_note\`;`);
    this.addSql(`drop table if exists \`incentive_claim\`;`);
    this.addSql(`drop table if exists \`invoice\`;`);
    this.addSql(`drop table if exists \`invoice_counter\`;`);
    this.addSql(`drop table if exists \`invoice_document\`;`);
    this.addSql(`drop table if exists \`invoice_request\`;`);
    this.addSql(`drop table if exists \`payment\`;`);
    this.addSql(`drop table if exists \`transfer_batch\`;`);
  }

}
