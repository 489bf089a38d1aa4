import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { listInbox } from '@sons/contracts';
import { Bus } from '@sons/platform';
import { ApiClient, expectEventually, freePort, readStream, startSystem, type RunningSystem } from '@sons/testing';
import { luVat } from './connection-steps.js';
import { legalForm1, pdfBytes } from './fixtures.js';

// The NATS server dies (SIGKILL) while the platform runs and comes back on the same JetStream store: the services
// reconnect by themselves, commands refused during the outage say so and are retried by the caller, and every
// accepted submission's event is on the stream exactly once and recorded by its durable consumer.
// The test runs its own nats-server (the machine's is shared by the other tests).
const storeDir = resolve(import.meta.dirname ?? '.', '..', '..', '..', 'var', 'test', `nats-restart-${Date.now().toString(36)}`);
let port = 0;
let server: ChildProcess | null = null;
let system: RunningSystem;

const answers = () =>
  new Promise<boolean>((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('data', (chunk) => {
      socket.destroy();
      done(chunk.toString().startsWith('INFO'));
    });
    socket.once('error', () => done(false));
  });

async function startNats() {
  server = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
  await expectEventually(async () => expect(await answers()).toBe(true), { timeoutMs: 10_000, intervalMs: 100 });
}

async function killNats() {
  const exited = new Promise((r) => server!.once('exit', r));
  server!.kill('SIGKILL');
  await exited;
  server = null;
}

// Per-service health (this system runs only enrolment and notifications, so the overall status stays degraded).
type Health = Record<string, { status: string; checks: Record<string, { status: string }> }>;
const health = async () => ((await (await fetch(`${system.baseUrl}/api/health`)).json()) as { services: Health }).services;

let n = 0;
// A vendor ready to submit Form 1 (account and signed NDA uploaded), and its submission.
async function vendorReady() {
  const i = ++n;
  const client = await new ApiClient(system.baseUrl).register(`restart${i}@nats-restart.example.lu`);
  const nda = await client.upload(pdfBytes(`nda-restart-${i}`), `nda-${i}.pdf`, 'nda');
  expect(nda.status).toBe(201);
  const form1 = legalForm1({
    companyName: `Relance ${i} S.à r.l.`,
    matricule: `2016${String(1000000 + i).slice(-7)}`,
    vatNumber: luVat(420000 + i),
    email: `contact${i}@nats-restart.example.lu`,
    ndaAttachmentId: nda.body.id,
  });
  return {
    client,
    submit: () =>
      client.post<{ enrolmentId: string; code?: string; retryable?: boolean; detail?: string }>(
        '/api/enrolments',
        { data: form1 },
        { 'Idempotency-Key': `restart-${i}-${storeDir}` },
      ),
  };
}

beforeAll(async () => {
  mkdirSync(storeDir, { recursive: true });
  port = await freePort();
  await startNats();
  system = await startSystem({
    name: 'nats-restart',
    services: ['enrolment', 'notifications'],
    natsUrl: `nats://127.0.0.1:${port}`,
  });
}, 180_000);

afterAll(async () => {
  await system?.stop();
  if (server) await killNats();
  rmSync(storeDir, { recursive: true, force: true });
});

describe('a NATS restart while the platform runs', () => {
  it('should lose no submission and no event, and need no service restart', async () => {
    const accepted: string[] = [];
    const ready = await Promise.all(Array.from({ length: 6 }, () => vendorReady()));
    // Five submissions accepted; NATS is killed right after, while their events may still be in the outbox or on
    // their way to the notifications consumer.
    for (const v of ready.slice(0, 5)) {
      const response = await v.submit();
      expect(response.status).toBe(201);
      accepted.push(response.body.enrolmentId);
    }
    await killNats();

    // During the outage: the command is refused as retryable (nothing half-done), and health says why.
    const during = await ready[5].submit();
    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect((await health()).gateway?.checks.nats?.status).toBe('down');
    expect((await health()).enrolment?.status).toBe('down');

    await startNats();
    // The caller retries the same submission (same idempotency key) until the services have reconnected.
    const retried = await expectEventually(
      async () => {
        const response = await ready[5].submit();
        expect(response.status).toBe(201);
        return response.body.enrolmentId;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    accepted.push(retried);

    // Every accepted submission's event is on the stream exactly once…
    await expectEventually(
      async () => {
        const events = (await readStream(system.nc, system.stream)).filter((e) => accepted.includes(e.subject ?? ''));
        expect(events.map((e) => e.subject).sort()).toEqual([...accepted].sort());
        expect(events.every((e) => e.type === 'lu.esante.sons.enrolment.application.submitted.v1')).toBe(true);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    // …and recorded once by the notifications service's durable consumer.
    const bus = new Bus(system.nc, system.subjectPrefix, pino({ level: 'silent' }));
    await expectEventually(
      async () => {
        for (const caseId of accepted) expect((await bus.request(listInbox, { caseId, limit: 10 })).items).toHaveLength(1);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const after = await health();
    for (const service of ['gateway', 'enrolment', 'notifications']) expect(after[service]?.status).toBe('up');
  }, 240_000);
});
