import { Migration } from '@mikro-orm/migrations';

export class Migration20261125211626 extends Migration {

  override name = 'Migration20261125211626';

  override up(): void | Promise<void> {
    this.addSql(`create table "sons_gateway"."audit_entry" ("id" serial primary key, "chain" varchar(64) not null, "seq" int not null, "at" timestamptz not null, "action" varchar(10) not null, "resource" varchar(50) null, "method" varchar(10) not null, "route" varchar(300) not null, "path" varchar(500) not null, "case_id" varchar(100) null, "status" int not null, "outcome" varchar(10) not null, "user_id" varchar(36) null, "email" varchar(320) null, "roles" jsonb not null, "vendor_id" varchar(36) null, "ip" varchar(100) null, "user_agent" varchar(300) null, "correlation_id" varchar(100) null, "changes" jsonb null, "details" jsonb null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null);`);
    this.addSql(`create index "audit_entry_user_id_id_index" on "sons_gateway"."audit_entry" ("user_id", "id");`);
    this.addSql(`create index "audit_entry_case_id_id_index" on "sons_gateway"."audit_entry" ("case_id", "id");`);
    this.addSql(`alter table "sons_gateway"."audit_entry" add constraint "audit_entry_chain_seq_unique" unique ("chain", "seq");`);

    this.addSql(`create table "sons_gateway"."identity_token" ("id" varchar(36) not null, "token_hash" varchar(64) not null, "purpose" varchar(20) not null, "email" varchar(320) not null, "user_id" varchar(36) null, "vendor_id" varchar(36) null, "roles" jsonb null, "created_by" varchar(36) null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "sons_gateway"."identity_token" add constraint "identity_token_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "identity_token_user_id_index" on "sons_gateway"."identity_token" ("user_id");`);
    this.addSql(`create index "identity_token_vendor_id_index" on "sons_gateway"."identity_token" ("vendor_id");`);
    this.addSql(`create index "identity_token_purpose_email_index" on "sons_gateway"."identity_token" ("purpose", "email");`);

    this.addSql(`alter table "sons_gateway"."user_account" add "totp_pending_secret" varchar(200) null, add "totp_last_step" int null, add "last_login_at" timestamptz null, add "created_by" varchar(36) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sons_gateway"."audit_entry" cascade;`);
    this.addSql(`drop table if exists "sons_gateway"."identity_token" cascade;`);

    this.addSql(`alter table "sons_gateway"."user_account" drop column "totp_pending_secret", drop column "totp_last_step", drop column "last_login_at", drop column "created_by";`);
  }

}
