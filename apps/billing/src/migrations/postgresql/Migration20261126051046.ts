import { Migration } from '@mikro-orm/migrations';

export class Migration20261126051046 extends Migration {

  override name = 'Migration20261126051046';

  override up(): void | Promise<void> {
    this.addSql(`alter table "sons_billing"."payment" add "idempotency_key" varchar(100) null;`);
    this.addSql(`alter table "sons_billing"."payment" add constraint "payment_idempotency_key_unique" unique ("idempotency_key");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sons_billing"."payment" drop constraint "payment_idempotency_key_unique";`);
    this.addSql(`alter table "sons_billing"."payment" drop column "idempotency_key";`);
  }

}
