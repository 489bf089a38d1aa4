import { Migration } from '@mikro-orm/migrations';

export class Migration20261126020511 extends Migration {

  override name = 'Migration20261126020511';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`enrolment\` add column \`form_version\` integer null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`enrolment\` drop column \`form_version\`;`);
  }

}
