import { Migration } from '@mikro-orm/migrations';

export class Migration20261126020511 extends Migration {

  override name = 'Migration20261126020511';

  override up(): void | Promise<void> {
    this.addSql(`alter table "sons_enrolment"."enrolment" add "form_version" int null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sons_enrolment"."enrolment" drop column "form_version";`);
  }

}
