// Shared by the start command, the test run and CI: use the NATS server at `url` when one answers,
// otherwise start Debian's nats-server with JetStream and file storage under ./var/.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';

export function natsAnswers(host, port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.setTimeout(1000);
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString().startsWith('INFO'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function ensureNatsServer(url, dataDir, log = () => undefined) {
  const { hostname, port } = new URL(url.replace(/^nats:/, 'http:'));
  const portNumber = Number(port || 4222);
  if (await natsAnswers(hostname, portNumber)) return { url, startedHere: false, stop: async () => undefined };
  mkdirSync(dataDir, { recursive: true });
  log(`no NATS server answers on ${url}: starting nats-server with JetStream in ${dataDir}`);
  const child = spawn('nats-server', ['-a', hostname, '-p', String(portNumber), '-js', '-sd', dataDir], { stdio: 'ignore' });
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let i = 0; i < 100 && !exited; i++) {
    if (await natsAnswers(hostname, portNumber)) {
      return {
        url,
        startedHere: true,
        pid: child.pid,
        stop: async () => {
          if (exited) return;
          child.kill('SIGTERM');
          await new Promise((resolve) => child.once('exit', resolve));
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`nats-server did not start on ${url}; install it with: apt-get install -y nats-server`);
}
