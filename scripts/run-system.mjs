// `npm start`: the whole platform on one machine. Starts nats-server under ./var/ when none answers on NATS_URL,
// applies migrations, starts every app with prefixed logs, prints the portal URL; Ctrl-C stops everything.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureNatsServer } from './lib/nats-server.mjs';
import { APPS } from './lib/services.mjs';

const root = resolve(import.meta.dirname, '..');
const env = { ...process.env };
env.NATS_URL ??= 'nats://127.0.0.1:4222';
env.DATA_DIR ??= join(root, 'var');
env.HTTP_PORT ??= '3000';
env.HTTP_HOST ??= '127.0.0.1';
env.PUBLIC_BASE_URL ??= `http://localhost:${env.HTTP_PORT}`;
env.WEB_DIR ??= join(root, 'apps', 'web', 'dist');
// Each app watches the pipe on its stdin: if this script dies (even by SIGKILL), the apps stop instead of lingering.
env.SONS_EXIT_WITH_PARENT ??= 'on';
mkdirSync(env.DATA_DIR, { recursive: true });

const colors = [36, 32, 33, 35, 34, 31, 96];
const say = (msg) => console.log(`\x1b[1m[sons]\x1b[0m ${msg}`);
const nats = await ensureNatsServer(env.NATS_URL, join(env.DATA_DIR, 'nats'), say);
if (!nats.startedHere) say(`using the NATS server at ${env.NATS_URL}`);

if (env.DATABASE_URL) {
  say('applying migrations to PostgreSQL');
  execFileSync(process.execPath, [join(root, 'scripts', 'migrate.mjs')], { stdio: 'inherit', env });
} else {
  say(`embedded SQLite databases in ${env.DATA_DIR} (migrations applied by each service at start)`);
}

const children = [];
let stopping = false;
APPS.forEach((app, i) => {
  const child = spawn(process.execPath, [join(root, 'apps', app, 'dist', 'main.js')], {
    cwd: root,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const prefix = `\x1b[${colors[i % colors.length]}m${app.padEnd(13)}\x1b[0m|`;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      try {
        const entry = JSON.parse(line);
        const level = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' }[entry.level] ?? '';
        const { msg, level: _l, time: _t, service: _s, name: _n, pid: _p, hostname: _h, ...rest } = entry;
        const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
        console.log(`${prefix} ${level.padEnd(5)} ${msg}${extra}`);
      } catch {
        console.log(`${prefix} ${line}`);
      }
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${app} exited (${signal ?? code}); stopping the platform`);
      void stop(1);
    }
  });
  children.push(child);
});

const portal = `http://localhost:${env.HTTP_PORT}`;
for (let i = 0; i < 240 && !stopping; i++) {
  try {
    const response = await fetch(`http://127.0.0.1:${env.HTTP_PORT}/api/health`);
    if (response.ok) {
      say(`all services up. Portal: ${portal}/  API docs: ${portal}/api/docs  Health: ${portal}/api/health`);
      say('Ctrl-C stops everything.');
      if (process.argv.includes('--demo')) runDemo();
      break;
    }
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 500));
}

// `npm start -- --demo`: fictitious vendors walked through the programme over the public API (scripts/demo-data.mjs).
function runDemo() {
  const demo = spawn(process.execPath, [join(root, 'scripts', 'demo-data.mjs')], {
    cwd: root,
    env: { ...env, SONS_BASE_URL: `http://127.0.0.1:${env.HTTP_PORT}` },
    stdio: 'inherit',
  });
  children.push(demo);
  demo.on('exit', (code) =>
    say(
      code === 0
        ? 'demo data ready: sign in as one of the vendors above, or as an operator'
        : 'demo data stopped with an error (above); the platform keeps running',
    ),
  );
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((r) => {
          if (child.exitCode !== null || child.signalCode !== null) return r();
          child.once('exit', r);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  await nats.stop();
  say('stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
