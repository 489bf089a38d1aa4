import { Migration } from '@mikro-orm/migrations';

export class Migration20261125213305 extends Migration {

  override name = 'Migration20261125213305';

  override up(): void | Promise<void> {
    this.addSql(`create table \`change_request\` (\`id\` text not null primary key, \`vendor_id\` text not null, \`enrolment_id\` text not null, \`status\` text not null default 'pending', \`fields\` json not null, \`changes\` json not null, \`previous\` json not null, \`reason\` text not null, \`requested_by\` text not null, \`requested_at\` datetime not null, \`decided_by\` text null, \`decided_at\` datetime null, \`decision_reason\` text null, \`identity_version\` integer null, \`version\` integer not null default 1);`);
    this.addSql(`create index \`change_request_vendor_id_requested_at_index\` on \`change_request\` (\`vendor_id\`, \`requested_at\`);`);
    this.addSql(`create index \`change_request_status_requested_at_index\` on \`change_request\` (\`status\`, \`requested_at\`);`);

    this.addSql(`create table \`documentation_download\` (\`id\` text not null primary key, \`documentation_set_id\` text not null, \`version_label\` text not null, \`attachment_id\` text not null, \`file_name\` text not null, \`vendor_id\` text null, \`enrolment_id\` text null, \`user_id\` text not null, \`user_email\` text null, \`downloaded_at\` datetime not null);`);
    this.addSql(`create index \`documentation_download_vendor_id_downloaded_at_index\` on \`documentation_download\` (\`vendor_id\`, \`downloaded_at\`);`);
    this.addSql(`create index \`documentation_download_downloaded_at_id_index\` on \`documentation_download\` (\`downloaded_at\`, \`id\`);`);

    this.addSql(`create table \`documentation_set\` (\`id\` text not null primary key, \`version_label\` text not null, \`title\` text not null, \`notes\` text null, \`files\` json not null, \`published_at\` datetime not null, \`published_by\` text not null);`);
    this.addSql(`create unique index \`documentation_set_version_label_unique\` on \`documentation_set\` (\`version_label\`);`);
    this.addSql(`create index \`documentation_set_published_at_index\` on \`documentation_set\` (\`published_at\`);`);

    this.addSql(`create table \`enrolment_message\` (\`id\` text not null primary key, \`enrolment_id\` text not null, \`kind\` text not null, \`author_id\` text not null, \`author_role\` text not null, \`body\` text not null, \`attachment_ids\` json not null, \`created_at\` datetime not null);`);
    this.addSql(`create index \`enrolment_message_enrolment_id_created_at_index\` on \`enrolment_message\` (\`enrolment_id\`, \`created_at\`);`);

    this.addSql(`create table \`vendor\` (\`id\` text not null primary key, \`person_type\` text not null, \`name\` text not null, \`matricule\` text not null, \`vat_number\` text null, \`email\` text not null, \`locale\` text not null default 'fr', \`identity\` json not null, \`identity_version\` integer not null default 1, \`identity_valid_from\` datetime not null, \`vague1participant\` integer not null default false, \`existing_provider_code\` text null, \`provider_code\` text null, \`integration_mode\` text not null default 'econnector_ng', \`enrolment_id\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1);`);
    this.addSql(`create unique index \`vendor_matricule_unique\` on \`vendor\` (\`matricule\`);`);
    this.addSql(`create unique index \`vendor_vat_number_unique\` on \`vendor\` (\`vat_number\`);`);
    this.addSql(`create index \`vendor_enrolment_id_index\` on \`vendor\` (\`enrolment_id\`);`);

    this.addSql(`create table \`vendor_identity_version\` (\`id\` text not null primary key, \`vendor_id\` text not null, \`version_no\` integer not null, \`identity\` json not null, \`valid_from\` datetime not null, \`valid_to\` datetime null, \`change_request_id\` text null, \`created_at\` datetime not null);`);
    this.addSql(`create index \`vendor_identity_version_vendor_id_valid_from_index\` on \`vendor_identity_version\` (\`vendor_id\`, \`valid_from\`);`);
    this.addSql(`create unique index \`vendor_identity_version_vendor_id_version_no_unique\` on \`vendor_identity_version\` (\`vendor_id\`, \`version_no\`);`);

    this.addSql(`alter table \`enrolment\` add column \`assignee_id\` text null;`);
    this.addSql(`alter table \`enrolment\` add column \`assignee_email\` text null;`);
    this.addSql(`alter table \`enrolment\` add column \`assigned_at\` datetime null;`);
    this.addSql(`alter table \`enrolment\` add column \`eligibility\` json null;`);
    this.addSql(`alter table \`enrolment\` add column \`validated_at\` datetime null;`);
    this.addSql(`alter table \`enrolment\` add column \`validated_by\` text null;`);
    this.addSql(`alter table \`enrolment\` add column \`rejection_reason\` text null;`);
    this.addSql(`alter table \`enrolment\` add column \`rejected_at\` datetime null;`);
    this.addSql(`alter table \`enrolment\` add column \`rejected_by\` text null;`);
    this.addSql(`alter table \`enrolment\` add column \`nda_attachment_id\` text null;`);
    this.addSql(`alter table \`enrolment\` add column \`nda_signatory_company\` text null;`);
    this.addSql(`alter table \`enrolment\` add column \`nda_countersigned_at\` datetime null;`);
    this.addSql(`alter table \`enrolment\` add column \`nda_countersigned_by\` text null;`);
    this.addSql(`alter table \`enrolment\` add column \`nda_countersign_mode\` text null;`);
    this.addSql(`alter table \`enrolment\` add column \`nda_countersigned_attachment_id\` text null;`);
    this.addSql(`alter table \`enrolment\` add column \`documentation_shared_at\` datetime null;`);
    this.addSql(`alter table \`enrolment\` add column \`form2data\` json null;`);
    this.addSql(`alter table \`enrolment\` add column \`form2submitted_at\` datetime null;`);
    this.addSql(`alter table \`enrolment\` add column \`test_access_secret\` text null;`);
    this.addSql(`alter table \`enrolment\` add column \`test_access_granted_at\` datetime null;`);
    this.addSql(`alter table \`enrolment\` add column \`test_access_granted_by\` text null;`);
    this.addSql(`create index \`enrolment_assignee_id_index\` on \`enrolment\` (\`assignee_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`change_request\`;`);
    this.addSql(`drop table if exists \`documentation_download\`;`);
    this.addSql(`drop table if exists \`documentation_set\`;`);
    this.addSql(`drop table if exists \`enrolment_message\`;`);
    this.addSql(`drop table if exists \`vendor\`;`);
    this.addSql(`drop table if exists \`vendor_identity_version\`;`);

    this.addSql(`drop index \`enrolment_assignee_id_index\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`assignee_id\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`assignee_email\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`assigned_at\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`eligibility\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`validated_at\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`validated_by\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`rejection_reason\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`rejected_at\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`rejected_by\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`nda_attachment_id\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`nda_signatory_company\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`nda_countersigned_at\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`nda_countersigned_by\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`nda_countersign_mode\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`nda_countersigned_attachment_id\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`documentation_shared_at\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`form2data\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`form2submitted_at\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`test_access_secret\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`test_access_granted_at\`;`);
    this.addSql(`alter table \`enrolment\` drop column \`test_access_granted_by\`;`);
  }

}
