import { Migration } from '@mikro-orm/migrations';

export class Migration20261126051411 extends Migration {

  override name = 'Migration20261126051411';

  override up(): void | Promise<void> {
    this.addSql(`create index \`audit_entry_at_id_index\` on \`audit_entry\` (\`at\`, \`id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`audit_entry_at_id_index\`;`);
  }

}
