import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { expectEventually } from './expect-eventually.js';

export const ALL_SERVICES = ['enrolment', 'labelling', 'connection', 'billing', 'documents', 'notifications'] as const;
export type SystemService = (typeof ALL_SERVICES)[number] | 'gateway';

const repoRoot = resolve(import.meta.dirname ?? '.', '..', '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export type RunningSystem = {
  name: string;
  baseUrl: string;
  env: Record<string, string>;
  nc: NatsConnection;
  subjectPrefix: string;
  stream: string;
  logDir: string;
  kill: (service: SystemService, signal?: NodeJS.Signals) => Promise<void>;
  start: (service: SystemService, extraEnv?: Record<string, string>) => Promise<void>;
  restart: (service: SystemService, extraEnv?: Record<string, string>) => Promise<void>;
  stop: () => Promise<void>;
};

// Starts the real system as real processes (built apps/*/dist/main.js) on the real NATS server and a real
// database, isolated by its own subject prefix, stream name, data directory and (PostgreSQL) database.
// natsUrl: a NATS server of the test's own (e.g. one it restarts); by default NATS_URL or the local one.
export async function startSystem(options: {
  name: string;
  services?: readonly SystemService[];
  env?: Record<string, string>;
  natsUrl?: string;
}): Promise<RunningSystem> {
  const runId = process.env.SONS_TEST_RUN_ID ?? `r${Date.now().toString(36)}`;
  const id = `${runId}_${options.name}`.replace(/[^A-Za-z0-9_]/g, '_');
  const subjectPrefix = `t${id}.`.toLowerCase();
  const stream = `SONS_${id}`.toUpperCase();
  const dataDir = join(repoRoot, 'var', 'test', id);
  const logDir = join(dataDir, 'logs');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  const database: TestDatabase = await createTestDatabase(`sons_${id}`);
  const port = await freePort();
  const natsUrl = options.natsUrl ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    NATS_URL: natsUrl,
    DATA_DIR: dataDir,
    SONS_SUBJECT_PREFIX: subjectPrefix,
    SONS_STREAM: stream,
    LOG_LEVEL: 'info',
    HTTP_PORT: String(port),
    HTTP_HOST: '127.0.0.1',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    WEB_DIR: join(repoRoot, 'apps', 'web', 'dist'),
    ...(database.url ? { DATABASE_URL: database.url, SONS_MIGRATE_ON_START: 'on' } : {}),
    ...options.env,
  };
  const services = [...(options.services ?? ALL_SERVICES), 'gateway'] as SystemService[];
  const children = new Map<SystemService, ChildProcess>();

  const start = async (service: SystemService, extraEnv: Record<string, string> = {}): Promise<void> => {
    const log = createWriteStream(join(logDir, `${service}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [join(repoRoot, 'apps', service, 'dist', 'main.js')], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    children.set(service, child);
  };

  const kill = async (service: SystemService, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const child = children.get(service);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
    children.delete(service);
  };

  const nc = await connect({ servers: natsUrl, name: `test-${options.name}`, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  // The stream must exist before services race to create it; the enrolment service is started first.
  for (const service of services) await start(service);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(baseUrl, services, logDir);
  } catch (error) {
    // Never leave a half-started system behind: it would load the machine for every later test.
    await Promise.all([...children.keys()].map((s) => kill(s, 'SIGKILL')));
    await closeNats(nc);
    await database.drop().catch(() => undefined);
    throw error;
  }

  return {
    name: options.name,
    baseUrl,
    env,
    nc,
    subjectPrefix,
    stream,
    logDir,
    kill,
    start,
    restart: async (service, extraEnv) => {
      await kill(service, 'SIGTERM');
      await start(service, extraEnv);
      await waitHealthy(baseUrl, services, logDir);
    },
    stop: async () => {
      await Promise.all([...children.keys()].map((s) => kill(s, 'SIGTERM')));
      await closeNats(nc);
      await database.drop().catch(() => undefined);
    },
  };
}

async function waitHealthy(baseUrl: string, services: readonly SystemService[], logDir: string): Promise<void> {
  try {
    await expectEventually(
      async () => {
        const response = await fetch(`${baseUrl}/api/health`);
        const body = (await response.json()) as { services: Record<string, { status: string }> };
        for (const service of services) {
          if (service === 'gateway') continue;
          if (body.services[service]?.status !== 'up')
            throw new Error(`${service} is ${body.services[service]?.status ?? 'missing'}`);
        }
      },
      { timeoutMs: Number(process.env.SONS_TEST_START_TIMEOUT_MS ?? 120_000), intervalMs: 250 },
    );
  } catch (error) {
    throw new Error(`system did not become healthy (${(error as Error).message}); logs in ${logDir}`);
  }
}

// Drain, but never hang on a connection whose server is gone (a test that stops its own NATS server).
async function closeNats(nc: NatsConnection): Promise<void> {
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
  await Promise.race([nc.drain().catch(() => undefined), timeout]);
  if (!nc.isClosed()) await nc.close().catch(() => undefined);
}
