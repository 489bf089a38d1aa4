// `npm run audit:verify`: checks every hash chain of the gateway's audit trail in the configured database
// (DATABASE_URL → PostgreSQL schema sons_gateway; otherwise DATA_DIR/gateway.sqlite). Builds nothing: run it on a
// built tree. Prints each broken entry and exits 1 when any chain is broken, 0 when all hold.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'apps', 'gateway', 'dist');
if (!existsSync(join(dist, 'audit', 'audit-chain.js'))) {
  console.error('[audit:verify] apps/gateway is not built: run `npm run build` first');
  process.exit(2);
}
const platform = await import(pathToFileURL(join(root, 'packages/platform/dist/index.js')).href);
const { ENTITIES } = await import(pathToFileURL(join(dist, 'entities.js')).href);
const { MIGRATIONS } = await import(pathToFileURL(join(dist, 'migrations/index.js')).href);
const { verifyAuditChains } = await import(pathToFileURL(join(dist, 'audit', 'audit-chain.js')).href);

const chain = process.argv.find((a) => a.startsWith('--chain='))?.slice('--chain='.length);
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR ?? join(root, 'var');
if (!databaseUrl && !existsSync(join(resolve(dataDir), 'gateway.sqlite'))) {
  console.error(
    `[audit:verify] no gateway database at ${join(resolve(dataDir), 'gateway.sqlite')} (set DATA_DIR or DATABASE_URL)`,
  );
  process.exit(2);
}
const orm = await platform.createOrm({
  service: 'gateway',
  entities: [...ENTITIES, platform.OutboxEvent, platform.ProcessedEvent],
  migrations: MIGRATIONS,
  databaseUrl,
  dataDir,
});
try {
  const report = await verifyAuditChains(orm.em.fork(), chain ? { chain } : {});
  for (const b of report.broken) console.log(`BROKEN chain=${b.chain} seq=${b.seq} id=${b.id} ${b.reason}: ${b.detail}`);
  console.log(
    `[audit:verify] ${report.entries} entries in ${report.chains} chains: ${report.ok ? 'every chain holds' : `${report.broken.length} broken entries`}`,
  );
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await orm.close(true);
}
