import { Migration } from '@mikro-orm/migrations';

export class Migration20261126051045 extends Migration {

  override name = 'Migration20261126051045';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`payment\` add column \`idempotency_key\` text null;`);
    this.addSql(`create unique index \`payment_idempotency_key_unique\` on \`payment\` (\`idempotency_key\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`payment_idempotency_key_unique\`;`);
    this.addSql(`alter table \`payment\` drop column \`idempotency_key\`;`);
  }

}
