import type { MikroORM } from '@mikro-orm/sql';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Health } from '@sons/contracts';

const startedAt = Date.now();

export async function checkHealth(service: string, nc: NatsConnection, orm: MikroORM | null): Promise<Health> {
  const checks: Health['checks'] = { nats: nc.isClosed() ? { status: 'down' } : { status: 'up' } };
  if (orm) {
    try {
      await orm.em.getConnection().execute('select 1');
      checks.database = { status: 'up', detail: orm.em.getPlatform().constructor.name.replace(/Platform$/, '') };
    } catch (error) {
      checks.database = { status: 'down', detail: (error as Error).message };
    }
  }
  const down = Object.values(checks).some((c) => c.status === 'down');
  return { service, status: down ? 'degraded' : 'up', version: '0.1.0', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), checks };
}
