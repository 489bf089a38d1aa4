import { Migration } from '@mikro-orm/migrations';

export class Migration20261125215132 extends Migration {

  override name = 'Migration20261125215132';

  override up(): void | Promise<void> {
    this.addSql(`create table \`labelling_evidence\` (\`id\` text not null primary key, \`request_id\` text not null, \`iteration\` integer not null, \`position\` integer not null, \`requirement_id\` text not null, \`result\` text not null, \`justification\` text null, \`files\` json not null, \`added_at\` datetime not null, \`added_by\` text not null);`);
    this.addSql(`create index \`labelling_evidence_request_id_iteration_position_index\` on \`labelling_evidence\` (\`request_id\`, \`iteration\`, \`position\`);`);

    this.addSql(`create table \`labelling_label\` (\`id\` text not null primary key, \`label_number\` text not null, \`vendor_id\` text not null, \`vendor_name\` text not null, \`software_id\` text not null, \`software_name\` text not null, \`version_id\` text not null, \`version\` text not null, \`request_id\` text not null, \`recl_version\` text null, \`status\` text not null default 'labelled', \`labelled_at\` datetime not null, \`status_changed_at\` datetime not null, \`attestation_document_id\` text not null, \`attestation_reference\` text not null, \`attestation_attachment_id\` text not null, \`attestation_sha256\` text not null, \`withdrawn_reason\` text null, \`event_sequence\` integer not null default 0, \`row_version\` integer not null default 1);`);
    this.addSql(`create unique index \`labelling_label_label_number_unique\` on \`labelling_label\` (\`label_number\`);`);
    this.addSql(`create index \`labelling_label_vendor_id_index\` on \`labelling_label\` (\`vendor_id\`);`);
    this.addSql(`create unique index \`labelling_label_version_id_unique\` on \`labelling_label\` (\`version_id\`);`);
    this.addSql(`create index \`labelling_label_status_index\` on \`labelling_label\` (\`status\`);`);

    this.addSql(`create table \`labelling_request\` (\`id\` text not null primary key, \`reference\` text not null, \`vendor_id\` text not null, \`vendor_name\` text not null, \`software_id\` text not null, \`software_name\` text not null, \`version_id\` text not null, \`version\` text not null, \`kind\` text not null, \`status\` text not null default 'draft', \`iteration\` integer not null default 0, \`integration_mode\` text not null, \`recl_version\` text null, \`declaration\` integer not null default false, \`draft_evidence\` json null, \`idempotency_key\` text null, \`queued_at\` datetime null, \`assignee_id\` text null, \`assigned_at\` datetime null, \`submitted_at\` datetime null, \`tests_passed_at\` datetime null, \`agreement_signed_at\` datetime null, \`labelled_at\` datetime null, \`label_id\` text null, \`created_by\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`event_sequence\` integer not null default 0, \`row_version\` integer not null default 1);`);
    this.addSql(`create unique index \`labelling_request_reference_unique\` on \`labelling_request\` (\`reference\`);`);
    this.addSql(`create index \`labelling_request_version_id_index\` on \`labelling_request\` (\`version_id\`);`);
    this.addSql(`create unique index \`labelling_request_idempotency_key_unique\` on \`labelling_request\` (\`idempotency_key\`);`);
    this.addSql(`create index \`labelling_request_assignee_id_index\` on \`labelling_request\` (\`assignee_id\`);`);
    this.addSql(`create index \`labelling_request_vendor_id_created_at_index\` on \`labelling_request\` (\`vendor_id\`, \`created_at\`);`);
    this.addSql(`create index \`labelling_request_status_queued_at_id_index\` on \`labelling_request\` (\`status\`, \`queued_at\`, \`id\`);`);

    this.addSql(`create table \`labelling_document\` (\`id\` text not null primary key, \`request_id\` text not null, \`iteration\` integer not null, \`kind\` text not null, \`document_id\` text null, \`reference\` text null, \`attachment_id\` text not null, \`sha256\` text not null, \`verify_url\` text null, \`created_by\` text not null, \`created_at\` datetime not null);`);
    this.addSql(`create index \`labelling_document_request_id_created_at_index\` on \`labelling_document\` (\`request_id\`, \`created_at\`);`);

    this.addSql(`create table \`labelling_message\` (\`id\` text not null primary key, \`request_id\` text not null, \`iteration\` integer not null, \`kind\` text not null, \`author_id\` text not null, \`author_role\` text not null, \`body\` text not null, \`checklist\` json not null, \`files\` json not null, \`created_at\` datetime not null);`);
    this.addSql(`create index \`labelling_message_request_id_created_at_index\` on \`labelling_message\` (\`request_id\`, \`created_at\`);`);

    this.addSql(`create table \`labelling_queue_decision\` (\`id\` text not null primary key, \`request_id\` text not null, \`head_request_id\` text not null, \`position\` integer not null, \`operator_id\` text not null, \`reason\` text not null, \`decided_at\` datetime not null);`);
    this.addSql(`create index \`labelling_queue_decision_decided_at_id_index\` on \`labelling_queue_decision\` (\`decided_at\`, \`id\`);`);

    this.addSql(`create table \`labelling_recl\` (\`id\` text not null primary key, \`version\` text not null, \`title\` text not null, \`notes\` text null, \`requirements\` json not null, \`technical_documentation_version\` text null, \`published_at\` datetime not null, \`published_by\` text not null, \`flagged_labels\` integer not null default 0);`);
    this.addSql(`create unique index \`labelling_recl_version_unique\` on \`labelling_recl\` (\`version\`);`);
    this.addSql(`create index \`labelling_recl_published_at_index\` on \`labelling_recl\` (\`published_at\`);`);

    this.addSql(`create table \`labelling_registry_entry\` (\`id\` text not null primary key, \`label_id\` text not null, \`vendor_id\` text not null, \`vendor_name\` text not null, \`software_id\` text not null, \`software_name\` text not null, \`version_id\` text not null, \`version\` text not null, \`extended_from\` text null, \`label_number\` text not null, \`label_date\` datetime not null, \`attestation_reference\` text null, \`recl_version\` text null, \`status\` text not null, \`status_changed_at\` datetime not null);`);
    this.addSql(`create index \`labelling_registry_entry_label_id_index\` on \`labelling_registry_entry\` (\`label_id\`);`);
    this.addSql(`create unique index \`labelling_registry_entry_version_id_unique\` on \`labelling_registry_entry\` (\`version_id\`);`);
    this.addSql(`create index \`labelling_registry_entry_status_label_date_id_index\` on \`labelling_registry_entry\` (\`status\`, \`label_date\`, \`id\`);`);
    this.addSql(`create index \`labelling_registry_entry_label_date_id_index\` on \`labelling_registry_entry\` (\`label_date\`, \`id\`);`);

    this.addSql(`create table \`labelling_software\` (\`id\` text not null primary key, \`vendor_id\` text not null, \`vendor_name\` text not null, \`name\` text not null, \`normalized_name\` text not null, \`created_at\` datetime not null, \`event_sequence\` integer not null default 0);`);
    this.addSql(`create index \`labelling_software_vendor_id_index\` on \`labelling_software\` (\`vendor_id\`);`);
    this.addSql(`create unique index \`labelling_software_vendor_id_normalized_name_unique\` on \`labelling_software\` (\`vendor_id\`, \`normalized_name\`);`);

    this.addSql(`create table \`labelling_software_version\` (\`id\` text not null primary key, \`software_id\` text not null, \`vendor_id\` text not null, \`version\` text not null, \`normalized_version\` text not null, \`kind\` text not null, \`based_on_version\` text null, \`changes\` text null, \`declared_at\` datetime not null, \`declared_by\` text not null, \`label_id\` text null, \`incentive_eligible\` integer not null default true);`);
    this.addSql(`create index \`labelling_software_version_software_id_index\` on \`labelling_software_version\` (\`software_id\`);`);
    this.addSql(`create index \`labelling_software_version_label_id_index\` on \`labelling_software_version\` (\`label_id\`);`);
    this.addSql(`create unique index \`labelling_software_version_software_id_normalized_version_unique\` on \`labelling_software_version\` (\`software_id\`, \`normalized_version\`);`);

    this.addSql(`create table \`labelling_vendor_access\` (\`vendor_id\` text not null primary key, \`enrolment_id\` text not null, \`granted_at\` datetime not null, \`source_event_id\` text not null);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`labelling_evidence\`;`);
    this.addSql(`drop table if exists \`labelling_label\`;`);
    this.addSql(`drop table if exists \`labelling_request\`;`);
    this.addSql(`drop table if exists \`labelling_document\`;`);
    this.addSql(`drop table if exists \`labelling_message\`;`);
    this.addSql(`drop table if exists \`labelling_queue_decision\`;`);
    this.addSql(`drop table if exists \`labelling_recl\`;`);
    this.addSql(`drop table if exists \`labelling_registry_entry\`;`);
    this.addSql(`drop table if exists \`labelling_software\`;`);
    this.addSql(`drop table if exists \`labelling_software_version\`;`);
    this.addSql(`drop table if exists \`labelling_vendor_access\`;`);
  }

}
