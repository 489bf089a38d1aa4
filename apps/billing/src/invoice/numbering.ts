import type { EntityManager } from '@mikro-orm/sql';
import { InvoiceCounter } from './invoice.entity.js';

export type NumberSeries = 'invoice' | 'credit_note';

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

// Allocates the next number of a series for a year inside the caller's transaction (never outside one): the counter
// row is created once, then incremented by a single `update … returning`. On PostgreSQL the updated row stays locked
// until the transaction ends, so concurrent issuers queue behind it; SQLite has one writer. Whatever happens before
// commit (a refusal, a unique violation, a crash) rolls the increment back with the invoice: the sequence has no gap.
export async function allocateNumber(em: EntityManager, series: NumberSeries, year: number): Promise<number> {
  if (!em.isInTransaction()) throw new Error('allocateNumber must run inside the invoice transaction');
  const meta = em.getMetadata().get(InvoiceCounter);
  const schema = meta.schema ?? em.config.get<'schema', string | undefined>('schema');
  const table = schema ? `${quote(schema)}.${quote(meta.tableName)}` : quote(meta.tableName);
  await em.execute(
    `insert into ${table} ("series", "year", "next_value") values (?, ?, 1) on conflict ("series", "year") do nothing`,
    [series, year],
    'run',
  );
  const rows = await em.execute<{ allocated: number | string }[]>(
    `update ${table} set "next_value" = "next_value" + 1 where "series" = ? and "year" = ? returning "next_value" - 1 as "allocated"`,
    [series, year],
    'all',
  );
  const allocated = Number(rows[0]?.allocated);
  if (!Number.isSafeInteger(allocated) || allocated < 1) throw new Error(`number allocation failed for ${series} ${year}`);
  return allocated;
}
