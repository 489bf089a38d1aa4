import { Migration } from '@mikro-orm/migrations';

export class Migration20261125220942 extends Migration {

  override name = 'Migration20261125220942';

  override up(): void | Promise<void> {
    this.addSql(`alter table "sons_connection"."connection_request" add "declared_vendor_name" varchar(300) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sons_connection"."connection_request" drop column "declared_vendor_name";`);
  }

}
