import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { expectEventually, freePort } from '@sons/testing';

// Issue 2, « NATS down at start »: a service started before its NATS server waits for it — retrying with backoff and
// saying, once per attempt, what it waits for — and comes up by itself once the server answers (real processes).
const root = resolve(import.meta.dirname ?? '.', '..', '..', '..');
const dir = resolve(root, 'var', 'test', `nats-down-${Date.now().toString(36)}`);
let service: ChildProcess | null = null;
let server: ChildProcess | null = null;

afterAll(async () => {
  for (const child of [service, server]) {
    if (!child || child.exitCode !== null) continue;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

it('should wait for NATS with a warning per attempt, then start once the server answers', async () => {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const url = `nats://127.0.0.1:${port}`;
  const lines: { level: number; msg: string }[] = [];
  service = spawn(process.execPath, [resolve(root, 'apps', 'enrolment', 'dist', 'main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      NATS_URL: url,
      DATA_DIR: resolve(dir, 'data'),
      SONS_SUBJECT_PREFIX: `tdown${port}.`,
      SONS_STREAM: `SONS_DOWN_${port}`,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  service.stdout?.on('data', (chunk: Buffer) => {
    for (const raw of chunk.toString().split('\n').filter(Boolean)) {
      try {
        lines.push(JSON.parse(raw) as { level: number; msg: string });
      } catch {
        // not a log entry
      }
    }
  });
  const waiting = () => lines.filter((l) => l.level === 40 && l.msg === `start-up: NATS at ${url} failed, retrying`);
  // No server: at least two attempts, each said, and the process is still alive.
  await expectEventually(() => expect(waiting().length).toBeGreaterThanOrEqual(2), { timeoutMs: 20_000 });
  expect(service.exitCode).toBeNull();
  expect(lines.some((l) => l.msg === 'ready')).toBe(false);

  server = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', resolve(dir, 'nats')], {
    stdio: 'ignore',
  });
  await expectEventually(() => expect(lines.some((l) => l.msg === 'ready')).toBe(true), { timeoutMs: 60_000 });
  expect(service.exitCode).toBeNull();
}, 90_000);
