import { Migration } from '@mikro-orm/migrations';

export class Migration20261125220941 extends Migration {

  override name = 'Migration20261125220941';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`connection_request\` add column \`declared_vendor_name\` text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`connection_request\` drop column \`declared_vendor_name\`;`);
  }

}
