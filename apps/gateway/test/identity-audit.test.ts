import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { luxDate } from '@sons/platform';
import { ApiClient, expectEventually, operator, startSystem, type RunningSystem } from '@sons/testing';
import { legalForm1 } from './fixtures.js';

type Entry = {
  id: number;
  chain: string;
  seq: number;
  at: string;
  action: string;
  resource: string | null;
  method: string;
  route: string;
  path: string;
  caseId: string | null;
  status: number;
  outcome: string;
  userId: string | null;
  email: string | null;
  roles: string[];
  vendorId: string | null;
  ip: string | null;
  userAgent: string | null;
  correlationId: string | null;
  changes: { before: unknown; after: unknown } | null;
  details: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
};
type Page = { items: Entry[]; nextCursor: string | null };
type Report = {
  ok: boolean;
  chains: number;
  entries: number;
  broken: { id: number; chain: string; seq: number; reason: string }[];
};

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');

// Direct access to this system's gateway database, as someone with database rights (not through the app) would have.
async function sql(system: RunningSystem, query: string, params: unknown[] = []): Promise<void> {
  const table = system.env.DATABASE_URL ? 'sons_gateway.audit_entry' : 'audit_entry';
  const text = query.replace('audit_entry', table);
  if (system.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: system.env.DATABASE_URL });
    await client.connect();
    let n = 0;
    await client.query(
      text.replace(/\?/g, () => `$${++n}`),
      params,
    );
    await client.end();
  } else {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(join(system.env.DATA_DIR, 'gateway.sqlite'));
    db.exec('pragma busy_timeout = 5000');
    db.prepare(text).run(...(params as (string | number)[]));
    db.close();
  }
}

async function verifyScript(system: RunningSystem): Promise<{ code: number; stdout: string }> {
  const env = {
    PATH: process.env.PATH ?? '',
    DATA_DIR: system.env.DATA_DIR,
    ...(system.env.DATABASE_URL ? { DATABASE_URL: system.env.DATABASE_URL } : {}),
  };
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [join(repoRoot, 'scripts', 'audit-verify.mjs')], {
      cwd: repoRoot,
      env,
    });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe('audit trail: who did what, when, from where — hash-chained per case', () => {
  let system: RunningSystem;
  let vendor: ApiClient;
  let vendorUser: { id: string; email: string };
  let incert: ApiClient;
  let admin: ApiClient;
  let enrolmentId: string;

  beforeAll(async () => {
    system = await startSystem({ name: 'identity-audit', services: ['enrolment'] });
    vendor = await new ApiClient(system.baseUrl).register('audited@vendor.lu');
    vendorUser = (await vendor.get<{ user: { id: string; email: string } }>('/api/auth/me')).body.user;
    const submitted = await vendor.post<{ enrolmentId: string }>(
      '/api/enrolments',
      { data: legalForm1() },
      { 'user-agent': 'audit-test/1.0', 'x-correlation-id': 'corr-audit-1' },
    );
    expect(submitted.status).toBe(201);
    enrolmentId = submitted.body.enrolmentId;
    incert = await operator(system.baseUrl, 'incert');
    admin = await operator(system.baseUrl, 'admin');
    expect((await incert.get(`/api/enrolments/${enrolmentId}`, { 'user-agent': 'back-office/2.0' })).status).toBe(200);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('should record the submission and the IBAN read on the case chain with who, when, from where and the outcome', async () => {
    const page = await incert.get<Page>(`/api/audit?caseId=${enrolmentId}`);
    expect(page.status).toBe(200);
    const [read, command] = page.body.items;
    expect(page.body.items).toHaveLength(2);
    expect(command).toMatchObject({
      chain: enrolmentId,
      seq: 1,
      action: 'command',
      method: 'POST',
      route: '/api/enrolments',
      path: '/api/enrolments',
      caseId: enrolmentId,
      status: 201,
      outcome: 'success',
      userId: vendorUser.id,
      email: 'audited@vendor.lu',
      roles: ['vendor_admin'],
      userAgent: 'audit-test/1.0',
      correlationId: 'corr-audit-1',
      prevHash: '0'.repeat(64),
    });
    expect(command.ip).toMatch(/127\.0\.0\.1/);
    expect(Math.abs(new Date(command.at).getTime() - Date.now())).toBeLessThan(60_000);
    expect(read).toMatchObject({
      chain: enrolmentId,
      seq: 2,
      action: 'read',
      resource: 'iban',
      method: 'GET',
      route: '/api/enrolments/:id',
      status: 200,
      email: 'incert@demo.sons.lu',
      roles: ['incert'],
      userAgent: 'back-office/2.0',
      prevHash: command.hash,
    });
    expect(read.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should record every file download as a confidential read, even on a route without @AuditRead', async () => {
    const uploaded = await vendor.upload(new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), 'nda-signed.pdf', 'nda');
    expect(uploaded.status).toBe(201);
    expect((await incert.download(`/api/attachments/${uploaded.body.id}/content`)).status).toBe(200);
    // A route that writes the file itself has already answered when its entry is written: poll for it.
    const trail = await expectEventually(async () => {
      const page = await admin.get<Page>(`/api/audit?caseId=${uploaded.body.id}`);
      expect(page.body.items).toHaveLength(1);
      return page;
    });
    expect(trail.body.items[0]).toMatchObject({
      action: 'read',
      resource: 'file',
      route: '/api/attachments/:id/content',
      email: 'incert@demo.sons.lu',
      status: 200,
      chain: uploaded.body.id,
    });
  });

  it('should record failed and refused commands too, and keep the trail from vendors', async () => {
    expect((await vendor.post('/api/enrolments', { data: legalForm1({ iban: 'not-an-iban' }) })).status).toBe(400);
    const mine = await admin.get<Page>(`/api/audit?userId=${vendorUser.id}&action=command`);
    const failed = mine.body.items.find((e) => e.status === 400);
    expect(failed).toMatchObject({
      outcome: 'failed',
      route: '/api/enrolments',
      chain: 'global',
      details: { error: 'VALIDATION_FAILED' },
    });
    expect((await vendor.get('/api/audit')).status).toBe(403);
    expect((await vendor.get('/api/audit/export')).status).toBe(403);
    expect((await new ApiClient(system.baseUrl).get('/api/audit')).status).toBe(401);
    const refused = await admin.get<Page>(`/api/audit?userId=${vendorUser.id}&action=read`);
    expect(
      refused.body.items.filter((e) => e.route === '/api/audit/export' && e.outcome === 'denied' && e.resource === 'audit-trail'),
    ).toHaveLength(1);
  });

  it('should page newest first with a keyset cursor', async () => {
    const first = await admin.get<Page>('/api/audit?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].id).toBeGreaterThan(first.body.items[1].id);
    const second = await admin.get<Page>(`/api/audit?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).toBeLessThan(first.body.items[1].id);
    expect((await admin.get<{ code: string }>('/api/audit?cursor=abc')).status).toBe(400);
  });

  it('should export a case as JSON lines and CSV, and record the export as a read of the trail', async () => {
    const jsonl = await fetch(`${system.baseUrl}/api/audit/export?caseId=${enrolmentId}`, {
      headers: { cookie: (incert as unknown as { cookie: string }).cookie },
    });
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await jsonl.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Entry);
    expect(lines.map((e) => [e.seq, e.action])).toEqual([
      [1, 'command'],
      [2, 'read'],
    ]);
    expect(lines[1].prevHash).toBe(lines[0].hash);

    const csv = await fetch(`${system.baseUrl}/api/audit/export?caseId=${enrolmentId}&format=csv`, {
      headers: { cookie: (incert as unknown as { cookie: string }).cookie },
    });
    const rows = (await csv.text()).trim().split('\r\n');
    expect(rows[0]).toBe(
      'id,chain,seq,at,action,resource,method,route,path,caseId,status,outcome,userId,email,roles,vendorId,ip,userAgent,correlationId,changes,details,prevHash,hash',
    );
    // The JSON-lines export is now the case's third entry.
    expect(rows).toHaveLength(4);
    expect(rows[3]).toContain('"audit-trail"');
  });

  it('should filter by a period of Luxembourg days, both ends included, and say what is wrong with a bad one', async () => {
    const newest = (await admin.get<Page>(`/api/audit?caseId=${enrolmentId}&limit=200`)).body.items;
    const dayOf = (at: string) => luxDate(new Date(at));
    const day = dayOf(newest[0].at);
    const shift = (d: string, days: number) =>
      new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const onThatDay = newest.filter((e) => dayOf(e.at) === day).map((e) => e.id);
    const within = await admin.get<Page>(`/api/audit?caseId=${enrolmentId}&from=${day}&to=${day}&limit=200`);
    expect(within.status).toBe(200);
    expect(within.body.items.map((e) => e.id)).toEqual(onThatDay);
    expect((await admin.get<Page>(`/api/audit?caseId=${enrolmentId}&from=${shift(day, 1)}`)).body.items).toEqual([]);
    expect((await admin.get<Page>(`/api/audit?caseId=${enrolmentId}&to=${shift(day, -1)}`)).body.items).toEqual(
      newest.filter((e) => dayOf(e.at) < day),
    );

    type Problem = { code: string; errors: { path: string; rule: string; message: string }[] };
    const reversed = await admin.get<Problem>(`/api/audit?from=${day}&to=${shift(day, -1)}`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toEqual([
      { path: 'to', rule: 'custom', message: 'to : la fin de la période (to) précède son début (from) : inversez-les.' },
    ]);
    const garbled = await admin.get<Problem>('/api/audit?from=25/11/2026&to=2026-02-30');
    expect(garbled.status).toBe(400);
    expect(garbled.body.errors?.map((e) => [e.path, e.message])).toEqual([
      ['from', 'from : une date du calendrier au format AAAA-MM-JJ est attendue (jour de Luxembourg), par exemple 2026-11-30.'],
      ['to', 'to : une date du calendrier au format AAAA-MM-JJ est attendue (jour de Luxembourg), par exemple 2026-11-30.'],
    ]);

    const exported = await fetch(`${system.baseUrl}/api/audit/export?caseId=${enrolmentId}&from=${shift(day, 1)}`, {
      headers: { cookie: (admin as unknown as { cookie: string }).cookie },
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain(`-${shift(day, 1)}_now-`);
    expect(await exported.text()).toBe('');
    // A request without X-Correlation-Id gets one: in the response, and on its audit entry.
    const correlation = exported.headers.get('x-correlation-id') ?? '';
    expect(correlation).toMatch(/^[0-9a-f-]{36}$/);
    // The entry is written as the response ends: look for it by its id, not by its place in the list.
    await expectEventually(async () => {
      const trail = (await admin.get<Page>(`/api/audit?caseId=${enrolmentId}&action=read&limit=50`)).body.items;
      expect(trail.find((e) => e.correlationId === correlation)).toMatchObject({ route: '/api/audit/export' });
    });
  });

  it('should never fork a chain when many commands hit one case at once', async () => {
    const created = await admin.post<{ user: { id: string } }>('/api/admin/users', {
      email: 'busy@aes.lu',
      displayName: 'Busy',
      roles: ['aes'],
    });
    const userId = created.body.user.id;
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        admin.put(`/api/admin/users/${userId}/roles`, { roles: i % 2 ? ['aes'] : ['aes', 'readonly'] }).then((r) => r.status),
      ),
    );
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const chain = (await admin.get<Page>(`/api/audit?caseId=${userId}&limit=200`)).body.items;
    expect(chain).toHaveLength(13);
    expect(chain.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    const report = await admin.get<Report>(`/api/audit/verify?chain=${userId}`);
    expect(report.body).toMatchObject({ ok: true, chains: 1, entries: 13, broken: [] });
  });

  it('should verify every chain, then detect an entry edited or deleted directly in the database', async () => {
    expect((await incert.get('/api/audit/verify')).status).toBe(403);
    const clean = await admin.get<Report>('/api/audit/verify');
    expect(clean.body.ok).toBe(true);
    expect(clean.body.entries).toBeGreaterThan(20);
    const script = await verifyScript(system);
    expect(script.code).toBe(0);
    expect(script.stdout).toMatch(/\d+ entries in \d+ chains: every chain holds/);

    // Someone rewrites who read the IBAN.
    const read = (await admin.get<Page>(`/api/audit?caseId=${enrolmentId}&action=read`)).body.items.find(
      (e) => e.resource === 'iban',
    )!;
    await sql(system, 'update audit_entry set email = ? where id = ?', ['someone-else@demo.sons.lu', read.id]);
    // And removes one entry from the middle of a chain.
    const busy = (await admin.get<Page>('/api/audit?limit=200')).body.items.filter(
      (e) => e.route === '/api/admin/users/:userId/roles',
    );
    const victim = busy.find((e) => e.seq === 5)!;
    await sql(system, 'delete from audit_entry where id = ?', [victim.id]);

    const report = await admin.get<Report>('/api/audit/verify');
    expect(report.body.ok).toBe(false);
    expect(report.body.broken).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: read.id, chain: enrolmentId, seq: 2, reason: 'hash-mismatch' }),
        expect.objectContaining({ chain: victim.chain, seq: 6, reason: 'sequence-gap' }),
      ]),
    );
    expect(report.body.broken).toHaveLength(2);

    const failed = await verifyScript(system);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`BROKEN chain=${enrolmentId} seq=2 id=${read.id} hash-mismatch`);
    expect(failed.stdout).toContain(`BROKEN chain=${victim.chain} seq=6`);
    expect(failed.stdout).toContain('2 broken entries');
  });
});
