import type { MikroORM } from '@mikro-orm/sql';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Health } from '@sons/contracts';

const startedAt = Date.now();

export async function checkHealth(service: string, nc: NatsConnection, orm: MikroORM | null): Promise<Health> {
  const checks: Health['checks'] = { nats: await natsCheck(nc) };
  if (orm) {
    try {
      await orm.em.getConnection().execute('select 1');
      checks.database = { status: 'up', detail: orm.em.getPlatform().constructor.name.replace(/Platform$/, '') };
    } catch (error) {
      checks.database = { status: 'down', detail: (error as Error).message };
    }
  }
  const down = Object.values(checks).some((c) => c.status === 'down');
  return {
    service,
    status: down ? 'degraded' : 'up',
    version: '0.1.0',
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    checks,
  };
}

// A round trip to the server, not the client's view of its socket: while the client reconnects, NATS is down.
async function natsCheck(nc: NatsConnection): Promise<Health['checks'][string]> {
  if (nc.isClosed()) return { status: 'down', detail: 'connection closed' };
  let timer: NodeJS.Timeout | undefined;
  try {
    const rtt = await Promise.race([
      nc.rtt(),
      new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new Error('no answer from the NATS server within 1 s')), 1000)),
      ),
    ]);
    return { status: 'up', detail: `rtt ${rtt.toFixed(1)} ms` };
  } catch (error) {
    return { status: 'down', detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
