import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createTestDatabase, type TestDatabase } from './test-database.js';

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
    SONS_EXIT_WITH_PARENT: 'on',
    HTTP_PORT: String(port),
    HTTP_HOST: '127.0.0.1',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    WEB_DIR: join(repoRoot, 'apps', 'web', 'dist'),
    ...(database.url ? { DATABASE_URL: database.url, SONS_MIGRATE_ON_START: 'on' } : {}),
    ...options.env,
  };
  const services = [...(options.services ?? ALL_SERVICES), 'gateway'] as SystemService[];
  const children = new Map<SystemService, ChildProcess>();
  // A service that exits while the system starts fails the start at once, with the end of its log (a crash at
  // start-up would otherwise look like a 120 s hang, and its stack trace would stay in a file CI does not show).
  let exitedEarly: ((service: SystemService, code: number | null, signal: NodeJS.Signals | null) => void) | null = null;

  const start = async (service: SystemService, extraEnv: Record<string, string> = {}): Promise<void> => {
    // The service writes its log straight to its file: nothing passes through this (busy) test process, and the log
    // is complete even when the test process dies first.
    const log = openSync(join(logDir, `${service}.log`), 'a');
    const child = spawn(process.execPath, [join(repoRoot, 'apps', service, 'dist', 'main.js')], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, ...extraEnv },
      // A pipe on stdin the service watches (SONS_EXIT_WITH_PARENT): a killed test run leaves no service behind.
      stdio: ['pipe', log, log],
    });
    closeSync(log);
    children.set(service, child);
    child.once('exit', (code, signal) => exitedEarly?.(service, code, signal));
  };

  const kill = async (service: SystemService, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const child = children.get(service);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
    children.delete(service);
  };

  const waitStarted = async (): Promise<void> => {
    const crashed = new Promise<never>((_, reject) => {
      exitedEarly = (service, code, signal) =>
        reject(
          new Error(
            `system did not become healthy: ${service} exited during start-up (${signal ?? `code ${code}`}); ` +
              `logs in ${logDir}\n${logTail(logDir, service)}`,
          ),
        );
    });
    let abandoned = false;
    try {
      await Promise.race([waitHealthy(baseUrl, services, logDir, () => abandoned), crashed]);
    } finally {
      abandoned = true;
      exitedEarly = null;
      crashed.catch(() => undefined);
    }
  };

  const nc = await connect({ servers: natsUrl, name: `test-${options.name}`, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  const baseUrl = `http://127.0.0.1:${port}`;
  // Streams, key-value buckets and object stores of this system, removed when it stops: the NATS server is shared by
  // every run on the machine (and by CI, which runs on it afterwards), so nothing a test created stays on it.
  const removeNatsResources = async (): Promise<void> => {
    const compact = subjectPrefix.replace(/[^A-Za-z0-9]/g, '');
    await removeStreams(
      nc,
      (name) => name === stream || ((name.startsWith('KV_') || name.startsWith('OBJ_')) && name.endsWith(`_${compact}`)),
    );
  };
  const stopAll = async (signal: NodeJS.Signals): Promise<void> => {
    await Promise.all([...children.keys()].map((s) => kill(s, signal)));
    await removeNatsResources().catch(() => undefined);
    await closeNats(nc);
    await database.drop().catch(() => undefined);
  };
  for (const service of services) await start(service);
  try {
    await waitStarted();
  } catch (error) {
    // Never leave a half-started system behind: it would load the machine for every later test.
    await stopAll('SIGKILL');
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
      await waitStarted();
    },
    stop: () => stopAll('SIGTERM'),
  };
}

// Deletes the JetStream streams (KV buckets and object stores are streams too) whose names match.
export async function removeStreams(nc: NatsConnection, matches: (name: string) => boolean): Promise<string[]> {
  const jsm = await jetstreamManager(nc);
  const names: string[] = [];
  for await (const name of jsm.streams.names()) if (matches(name)) names.push(name);
  for (const name of names) await jsm.streams.delete(name).catch(() => undefined);
  return names;
}

// The last lines a service logged: pino lines as « level message — error », anything else (a stack trace) as it is.
export function logTail(logDir: string, service: SystemService, lines = 25): string {
  const file = join(logDir, `${service}.log`);
  if (!existsSync(file)) return `  (${service} logged nothing)`;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .slice(-lines)
    .map((line) => {
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { type?: string; message?: string } };
        const error = entry.err ? ` — ${entry.err.type ?? ''} ${entry.err.message ?? ''}` : '';
        return `  ${service} [${entry.level ?? '?'}] ${entry.msg ?? ''}${error}`.slice(0, 400);
      } catch {
        return `  ${service} | ${line}`.slice(0, 400);
      }
    })
    .join('\n');
}

async function waitHealthy(
  baseUrl: string,
  services: readonly SystemService[],
  logDir: string,
  abandoned: () => boolean = () => false,
): Promise<void> {
  const deadline = Date.now() + Number(process.env.SONS_TEST_START_TIMEOUT_MS ?? 120_000);
  let message = 'not checked';
  while (!abandoned()) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      const body = (await response.json()) as { services: Record<string, { status: string }> };
      const down = services.find((s) => s !== 'gateway' && body.services[s]?.status !== 'up');
      if (!down) return;
      message = `${down} is ${body.services[down]?.status ?? 'missing'}`;
    } catch (error) {
      message = (error as Error).message;
    }
    if (Date.now() > deadline) {
      // The service that is down, or the gateway when it does not answer at all: the end of its log says why.
      const down = services.find((s) => message.startsWith(`${s} is`)) ?? 'gateway';
      throw new Error(`system did not become healthy (${message}); logs in ${logDir}\n${logTail(logDir, down)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// Drain, but never hang on a connection whose server is gone (a test that stops its own NATS server).
async function closeNats(nc: NatsConnection): Promise<void> {
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
  await Promise.race([nc.drain().catch(() => undefined), timeout]);
  if (!nc.isClosed()) await nc.close().catch(() => undefined);
}
