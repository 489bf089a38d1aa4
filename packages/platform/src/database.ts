import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { MikroORM, NodeSqliteDialect, SqliteDriver, type Options } from '@mikro-orm/sql';
import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';

export { MikroORM };
export type { EntityManager } from '@mikro-orm/sql';

export type Dialect = 'sqlite' | 'postgresql';
export type MigrationSet = Record<Dialect, { name: string; class: Constructor<Migration> }[]>;

export type DatabaseOptions = {
  service: string;
  entities: Constructor<object>[];
  migrations: MigrationSet;
  databaseUrl?: string;
  dataDir: string;
  debug?: boolean;
};

export const dialectOf = (databaseUrl: string | undefined): Dialect => (databaseUrl ? 'postgresql' : 'sqlite');

// Each service owns its tables: its own SQLite file by default, its own PostgreSQL schema in production.
export function ormOptions(options: DatabaseOptions): Options {
  const common = {
    entities: options.entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    debug: options.debug ?? false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ignoreUndefinedInQuery: true,
  } satisfies Partial<Options>;
  if (options.databaseUrl) {
    const schema = `sons_${options.service}`;
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: options.databaseUrl,
      schema,
      migrations: {
        migrationsList: options.migrations.postgresql,
        schema,
        tableName: 'mikro_orm_migrations',
        snapshot: false,
        silent: true,
      },
      pool: { min: 0, max: 10 },
    } as Options;
  }
  const dir = resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  const dbName = resolve(dir, `${options.service}.sqlite`);
  return {
    ...common,
    driver: SqliteDriver,
    dbName,
    driverOptions: new NodeSqliteDialect(dbName),
    migrations: { migrationsList: options.migrations.sqlite, snapshot: false, silent: true },
  } as Options;
}

export async function createOrm(options: DatabaseOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(options));
  if (dialectOf(options.databaseUrl) === 'sqlite') {
    // WAL lets readers run beside the single writer; busy_timeout waits instead of failing on a locked file.
    await orm.em.getConnection().execute('pragma journal_mode = wal');
    await orm.em.getConnection().execute('pragma busy_timeout = 5000');
  } else {
    await orm.em.getConnection().execute(`create schema if not exists "sons_${options.service}"`);
  }
  return orm;
}

export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
