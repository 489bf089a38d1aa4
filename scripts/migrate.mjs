// `npm run migrate`: applies every service's pending migrations to the configured database
// (DATABASE_URL → PostgreSQL, one schema per service; otherwise the embedded SQLite files under DATA_DIR).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DB_SERVICES } from './lib/services.mjs';

const root = resolve(import.meta.dirname, '..');
const platform = await import(pathToFileURL(join(root, 'packages/platform/dist/index.js')).href);
const dataDir = process.env.DATA_DIR ?? join(root, 'var');
for (const service of DB_SERVICES) {
  const dist = join(root, 'apps', service, 'dist');
  if (!existsSync(join(dist, 'entities.js'))) {
    // Never report "done" with a service left behind: its tables would lag its code.
    console.error(`[migrate] ${service}: not built (apps/${service}/dist missing) — run \`npm run migrate\`, which builds first`);
    process.exitCode = 1;
    continue;
  }
  const { ENTITIES } = await import(pathToFileURL(join(dist, 'entities.js')).href);
  const { MIGRATIONS } = await import(pathToFileURL(join(dist, 'migrations/index.js')).href);
  const orm = await platform.createOrm({
    service,
    entities: [...ENTITIES, platform.OutboxEvent, platform.ProcessedEvent],
    migrations: MIGRATIONS,
    databaseUrl: process.env.DATABASE_URL,
    dataDir,
  });
  const applied = await platform.migrate(orm);
  await orm.close(true);
  console.log(`[migrate] ${service}: ${applied.length ? applied.join(', ') : 'up to date'}`);
}
