import { Migration } from '@mikro-orm/migrations';

export class Migration20261126014804 extends Migration {

  override name = 'Migration20261126014804';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`rendered_document\` add column \`signed_by\` text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`rendered_document\` drop column \`signed_by\`;`);
  }

}
