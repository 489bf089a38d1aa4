// The vertical slice under a fixed request rate: Form 1 submitted → NATS request/reply → enrolment service validates,
// persists and stages its event in the outbox (one transaction) → relay → JetStream → notifications records it.
// Run: npm run bench:e2e   (BENCH_RATE, BENCH_SECONDS, BENCH_HTTP_USERS; DATABASE_URL picks PostgreSQL)
// Prints p50/p99, throughput, errors, lost events, and the same run's raw baselines (bare NATS request/reply,
// bare database insert) with the ratios.
import { DatabaseSync } from 'node:sqlite';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { listInbox, submitEnrolment } from '@sons/contracts';
import { Bus } from '@sons/platform';
import { ApiClient, expectEventually, startSystem } from '@sons/testing';
import { atFixedRate, fmt, summarise } from './lib.js';

const rate = Number(process.env.BENCH_RATE ?? 100);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const httpUsers = Number(process.env.BENCH_HTTP_USERS ?? 300);

const form1 = (i: number, series: number) => {
  const n = 100000 + series * 100000 + i;
  return {
    personType: 'legal',
    companyName: `Bench Software ${series}-${i} S.A.`,
    ceoFirstName: 'Anne',
    ceoLastName: 'Bench',
    matricule: `20${String(series).padStart(2, '0')}${String(i).padStart(7, '0')}`,
    rcsNumber: `B${100000 + i}`,
    vatNumber: `LU${n}${String(n % 89).padStart(2, '0')}`,
    iban: 'LU280019400644750000',
    email: `bench${series}-${i}@example.lu`,
    countryOfEstablishment: 'LU',
    integrationMode: 'econnector_ng',
    declaration: true,
  };
};

const system = await startSystem({
  name: `bench${Date.now().toString(36)}`,
  services: ['enrolment', 'notifications'],
  env: { LOG_LEVEL: 'warn', RATE_LIMIT_LOGIN: '1000000', RATE_LIMIT_COMMANDS: '1000000' },
});
const bus = new Bus(system.nc, system.subjectPrefix, pino({ level: 'silent' }));
const db = process.env.DATABASE_URL ? 'postgresql' : 'sqlite';
try {
  // Warm-up.
  await atFixedRate(20, 2, async (i) => void (await bus.request(submitEnrolment, { data: form1(i, 98) })));

  // 1. The slice over NATS at the fixed rate.
  const ids: string[] = [];
  const slice = await atFixedRate(rate, seconds, async (i) => {
    const r = await bus.request(submitEnrolment, { data: form1(i, 1) });
    ids.push(r.enrolmentId);
  });
  // Every accepted submission's event must reach notifications: count what arrived.
  const lost = await countLost(ids);

  // 2. The same through HTTP (session cookie, CSRF, gateway → NATS), one registered vendor per submission.
  const clients = await Promise.all(
    Array.from({ length: httpUsers }, (_, i) => new ApiClient(system.baseUrl).register(`bench-http-${i}@example.lu`)),
  );
  const httpSeconds = httpUsers / rate;
  const http = await atFixedRate(rate, httpSeconds, async (i) => {
    const r = await clients[i]!.post('/api/enrolments', { data: form1(i, 2) });
    if (r.status !== 201) throw new Error(String(r.status));
  });

  // 3. Raw baselines in the same run.
  const echoSubject = `${system.subjectPrefix}bench.echo`;
  const sub = system.nc.subscribe(echoSubject, { callback: (_e, m) => m.respond(m.data) });
  const payload = new TextEncoder().encode(JSON.stringify({ data: form1(0, 3) }));
  const rawNats = await atFixedRate(
    rate,
    Math.min(seconds, 20),
    async () => void (await system.nc.request(echoSubject, payload, { timeout: 5000 })),
  );
  sub.unsubscribe();
  const rawDb = await rawInsert(db, rate, Math.min(seconds, 20));

  const s = summarise(slice, seconds);
  const h = summarise(http, httpSeconds);
  const n = summarise(rawNats, Math.min(seconds, 20));
  const d = summarise(rawDb, Math.min(seconds, 20));
  console.log(`\nvertical slice at ${rate} req/s for ${seconds} s on ${db} (2 cores)`);
  console.log('run                         requests errors  throughput/s  p50 ms   p99 ms');
  const row = (name: string, r: ReturnType<typeof summarise>) =>
    console.log(
      `${name.padEnd(27)} ${String(r.requests).padStart(8)} ${String(r.errors).padStart(6)}  ${fmt(r.throughput).padStart(12)}  ${fmt(r.p50).padStart(7)}  ${fmt(r.p99).padStart(7)}`,
    );
  row('slice over NATS', s);
  row(`slice over HTTP (${httpUsers} users)`, h);
  row('raw NATS request/reply', n);
  row(`raw ${db} insert`, d);
  console.log(`lost events: ${lost} of ${ids.length}`);
  console.log(`ratio slice p50 / (raw NATS p50 + raw insert p50): ${fmt(s.p50 / (n.p50 + d.p50))}`);
  console.log(`ratio slice p99 / raw NATS p99: ${fmt(s.p99 / n.p99)}`);
  console.log(
    `target: p99 <= 50 ms at 100 req/s, 0 errors, 0 lost → ${s.p99 <= 50 && s.errors === 0 && lost === 0 ? 'met' : 'NOT met'}`,
  );
} finally {
  await system.stop();
}

async function countLost(ids: string[]): Promise<number> {
  const wanted = new Set(ids);
  const seen = new Set<string>();
  await expectEventually(
    async () => {
      let cursor: string | undefined;
      seen.clear();
      do {
        const page = await bus.request(listInbox, { limit: 100, ...(cursor ? { cursor } : {}) });
        for (const item of page.items) if (wanted.has(item.caseId)) seen.add(item.caseId);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      if (seen.size < wanted.size) throw new Error(`${wanted.size - seen.size} not yet recorded`);
    },
    { timeoutMs: 60_000, intervalMs: 1000 },
  ).catch(() => undefined);
  return wanted.size - seen.size;
}

async function rawInsert(dialect: string, r: number, secs: number) {
  if (dialect === 'postgresql') {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query('create temporary table bench_raw (id text primary key, data jsonb not null)');
    const out = await atFixedRate(
      r,
      secs,
      async (i) => void (await client.query('insert into bench_raw values ($1, $2)', [`r${i}`, JSON.stringify(form1(i, 4))])),
    );
    await client.end();
    return out;
  }
  const dir = join('var', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'raw.sqlite');
  rmSync(file, { force: true });
  const sqlite = new DatabaseSync(file);
  sqlite.exec('pragma journal_mode = wal; create table bench_raw (id text primary key, data text not null)');
  const insert = sqlite.prepare('insert into bench_raw values (?, ?)');
  const out = await atFixedRate(r, secs, async (i) => void insert.run(`r${i}`, JSON.stringify(form1(i, 4))));
  sqlite.close();
  return out;
}
