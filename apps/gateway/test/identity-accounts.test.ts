import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'otplib';
import { ApiClient, DEMO, operator, startSystem, type RunningSystem } from '@sons/testing';
import { startMailbox, tokenIn, type Mailbox } from './identity-mailbox.js';

type Problem = { code: string; status: number; detail: string; lockedUntil?: string };
type Me = { user: { id: string; email: string; roles: string[]; totpEnabled: boolean } | null };

describe('identity: password reset, lockout, CSRF, operator accounts and TOTP', () => {
  let system: RunningSystem;
  let mailbox: Mailbox;
  const password = 'correct-horse-battery-42';

  beforeAll(async () => {
    mailbox = await startMailbox();
    system = await startSystem({
      name: 'identity-accounts',
      services: [],
      env: { SMTP_URL: mailbox.url, MAIL_FROM: 'SONS <sons@test.lu>', RATE_LIMIT_LOGIN: '1000' },
    });
  });
  afterAll(async () => {
    await system?.stop();
    await mailbox?.close();
  });

  const anonymous = () => new ApiClient(system.baseUrl);

  it('should reset a password through the e-mailed one-time link and end the old sessions', async () => {
    const vendor = await anonymous().register('reset@example.lu');
    expect((await vendor.get<Me>('/api/auth/me')).body.user?.email).toBe('reset@example.lu');

    const asked = await anonymous().post<{ sent: boolean }>('/api/auth/password-reset/request', { email: 'Reset@Example.lu' });
    expect(asked.status).toBe(202);
    const unknown = await anonymous().post<{ sent: boolean }>('/api/auth/password-reset/request', { email: 'nobody@example.lu' });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(asked.body);

    const mail = await mailbox.waitFor((m) => m.to.includes('reset@example.lu'));
    expect(mail.from).toBe('sons@test.lu');
    expect(mail.subject).toBe('Réinitialisez votre mot de passe SONS');
    expect(mail.text).toContain(`${system.baseUrl}/reset-password#token=`);
    expect(mail.html).toContain('Choisir un nouveau mot de passe');
    const token = tokenIn(mail);

    const weak = await anonymous().post<Problem>('/api/auth/password-reset/confirm', { token, password: 'short' });
    expect(weak.status).toBe(400);
    const confirmed = await anonymous().post('/api/auth/password-reset/confirm', { token, password: 'a-brand-new-passphrase-7' });
    expect(confirmed.status).toBe(204);

    expect((await vendor.get<Me>('/api/auth/me')).body.user).toBeNull();
    expect((await anonymous().post<Problem>('/api/auth/login', { email: 'reset@example.lu', password })).status).toBe(401);
    expect(
      (await anonymous().post('/api/auth/login', { email: 'reset@example.lu', password: 'a-brand-new-passphrase-7' })).status,
    ).toBe(200);

    const reused = await anonymous().post<Problem>('/api/auth/password-reset/confirm', {
      token,
      password: 'yet-another-passphrase-8',
    });
    expect(reused.status).toBe(400);
    expect(reused.body.code).toBe('LINK_INVALID');
    expect(mailbox.messages.some((m) => m.to.includes('nobody@example.lu'))).toBe(false);
  });

  it('should lock the account after 5 wrong passwords, say until when, and e-mail a notice', async () => {
    await anonymous().register('locked@example.lu');
    const attempt = (pw: string) =>
      new ApiClient(system.baseUrl, 'en').post<Problem>('/api/auth/login', { email: 'locked@example.lu', password: pw });
    for (let i = 1; i <= 4; i++) {
      const wrong = await attempt(`wrong-password-${i}`);
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await attempt('wrong-password-5');
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('content-type')).toContain('application/problem+json');
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    expect(fifth.body.detail).toMatch(/account locked until \d\d:\d\d UTC/);
    const lockedUntil = new Date(fifth.body.lockedUntil!).getTime();
    expect(lockedUntil - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(lockedUntil - Date.now()).toBeLessThan(16 * 60_000);

    // Even the right password is refused while locked.
    const right = await attempt(password);
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');

    const notice = await mailbox.waitFor((m) => m.to.includes('locked@example.lu'));
    expect(notice.subject).toBe('Votre compte SONS est temporairement verrouillé');
    expect(notice.text).toContain('verrouillée jusqu’au');

    // A password reset lifts the lock.
    await anonymous().post('/api/auth/password-reset/request', { email: 'locked@example.lu' });
    const reset = await mailbox.waitFor((m) => m.to.includes('locked@example.lu') && m.subject.startsWith('Réinitialisez'));
    expect(
      (await anonymous().post('/api/auth/password-reset/confirm', { token: tokenIn(reset), password: 'unlocked-passphrase-99' }))
        .status,
    ).toBe(204);
    expect((await attempt('unlocked-passphrase-99')).status).toBe(200);
  });

  it('should refuse a cookie-session command without the CSRF token and record the refusal', async () => {
    const vendor = await anonymous().register('csrf@example.lu');
    const me = (await vendor.get<Me>('/api/auth/me')).body.user!;
    const missing = await vendor.post<Problem>('/api/auth/logout', {}, { 'x-csrf-token': '' });
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('CSRF_TOKEN_INVALID');
    const forged = await vendor.post<Problem>('/api/auth/logout', {}, { 'x-csrf-token': 'forged-by-another-site' });
    expect(forged.status).toBe(403);
    expect((await vendor.get<Me>('/api/auth/me')).body.user?.email).toBe('csrf@example.lu');

    const admin = await operator(system.baseUrl, 'admin');
    const trail = await admin.get<{
      items: { route: string; status: number; outcome: string; email: string; details: { error?: string } }[];
    }>(`/api/audit?userId=${me.id}`);
    const refusals = trail.body.items.filter((e) => e.route === '/api/auth/logout');
    expect(refusals).toHaveLength(2);
    expect(
      refusals.every(
        (e) =>
          e.status === 403 && e.outcome === 'denied' && e.email === 'csrf@example.lu' && e.details.error === 'CSRF_TOKEN_INVALID',
      ),
    ).toBe(true);

    expect((await vendor.post('/api/auth/logout')).status).toBe(204);
    expect((await vendor.get<Me>('/api/auth/me')).body.user).toBeNull();
  });

  it('should let the admin create an operator who sets its password by link, enrols TOTP and then signs in in two steps', async () => {
    const admin = await operator(system.baseUrl, 'admin');
    const incert = await operator(system.baseUrl, 'incert');
    const body = { email: 'spoc@incert.lu', displayName: 'SPOC INCERT', roles: ['incert'] };
    expect((await incert.post('/api/admin/users', body)).status).toBe(403);
    expect((await admin.post<Problem>('/api/admin/users', { ...body, roles: ['vendor_admin'] })).status).toBe(400);
    const created = await admin.post<{ user: { id: string; roles: string[]; active: boolean } }>('/api/admin/users', body);
    expect(created.status).toBe(201);
    expect(created.body.user.roles).toEqual(['incert']);
    const userId = created.body.user.id;

    const setup = await mailbox.waitFor((m) => m.to.includes('spoc@incert.lu'));
    expect(setup.subject).toBe('Votre compte opérateur SONS');
    expect(setup.text).toContain('/account-setup#token=');
    expect(
      (await anonymous().post('/api/auth/password-reset/confirm', { token: tokenIn(setup), password: 'spoc-chooses-this-one-1' }))
        .status,
    ).toBe(204);

    const spoc = await anonymous().login('spoc@incert.lu', 'spoc-chooses-this-one-1');
    const enrol = await spoc.post<{ secret: string; otpauthUri: string }>('/api/auth/totp/enrol');
    expect(enrol.status).toBe(200);
    expect(enrol.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/SONS%20Vague%202:spoc%40incert\.lu\?secret=/);
    const secret = enrol.body.secret;
    expect((await spoc.post<Problem>('/api/auth/totp/confirm', { code: '000000' })).status).toBe(401);
    expect((await spoc.post('/api/auth/totp/confirm', { code: await generate({ secret }) })).status).toBe(200);
    expect((await spoc.get<Me>('/api/auth/me')).body.user?.totpEnabled).toBe(true);
    expect((await spoc.post('/api/auth/logout')).status).toBe(204);

    const client = anonymous();
    const first = await client.post<{ totpRequired: boolean; challenge: string; csrfToken?: string }>('/api/auth/login', {
      email: 'spoc@incert.lu',
      password: 'spoc-chooses-this-one-1',
    });
    expect(first.status).toBe(200);
    expect(first.body.totpRequired).toBe(true);
    expect(first.body.csrfToken).toBeUndefined();
    expect(first.headers.get('set-cookie')).toBeNull();
    expect((await client.get<Me>('/api/auth/me')).body.user).toBeNull();

    const wrong = await client.post<Problem>('/api/auth/login/totp', { challenge: first.body.challenge, code: '123456' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('TOTP_CODE_INVALID');
    // The confirmation used this 30-second step's code, and a code is accepted once: answer with the next step's.
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const second = await client.post<{ user: { email: string }; csrfToken: string }>('/api/auth/login/totp', {
      challenge: first.body.challenge,
      code,
    });
    expect(second.status).toBe(200);
    expect(second.body.user.email).toBe('spoc@incert.lu');
    expect((await client.get<Me>('/api/auth/me')).body.user?.roles).toEqual(['incert']);
    expect((await client.post<Problem>('/api/auth/login/totp', { challenge: first.body.challenge, code })).body.code).toBe(
      'LINK_INVALID',
    );

    // The same code cannot open a second session (replay).
    const again = await anonymous().post<{ challenge: string }>('/api/auth/login', {
      email: 'spoc@incert.lu',
      password: 'spoc-chooses-this-one-1',
    });
    expect((await anonymous().post<Problem>('/api/auth/login/totp', { challenge: again.body.challenge, code })).status).toBe(401);

    // Role change and deactivation by the admin: old → new values in the trail; sessions end.
    const roles = await admin.put<{ user: { roles: string[] } }>(`/api/admin/users/${userId}/roles`, {
      roles: ['incert', 'readonly'],
    });
    expect(roles.status).toBe(200);
    expect(roles.body).not.toHaveProperty('audit');
    const trail = await admin.get<{ items: { route: string; changes: unknown }[] }>(`/api/audit?caseId=${userId}`);
    expect(trail.body.items.find((e) => e.route === '/api/admin/users/:userId/roles')?.changes).toEqual({
      before: { roles: ['incert'] },
      after: { roles: ['incert', 'readonly'] },
    });
    expect((await client.get<Me>('/api/auth/me')).body.user).toBeNull();
    expect((await admin.post(`/api/admin/users/${userId}/deactivate`)).status).toBe(200);
    expect(
      (await anonymous().post<Problem>('/api/auth/login', { email: 'spoc@incert.lu', password: 'spoc-chooses-this-one-1' }))
        .status,
    ).toBe(401);
    const me = (await admin.get<Me>('/api/auth/me')).body.user!;
    expect((await admin.post<Problem>(`/api/admin/users/${me.id}/deactivate`)).body.code).toBe('CANNOT_DEACTIVATE_SELF');
  });

  it('should refuse an expired reset link with the date it expired', async () => {
    await anonymous().register('late@example.lu');
    await anonymous().post('/api/auth/password-reset/request', { email: 'late@example.lu' });
    const token = tokenIn(await mailbox.waitFor((m) => m.to.includes('late@example.lu')));
    await system.restart('gateway', { SONS_NOW: new Date(Date.now() + 31 * 60_000).toISOString() });
    const late = await new ApiClient(system.baseUrl, 'en').post<Problem>('/api/auth/password-reset/confirm', {
      token,
      password: 'too-late-passphrase-1',
    });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('LINK_EXPIRED');
    expect(late.body.detail).toContain('This link expired at');
  });
});

describe('identity: first start without demo accounts or SMTP', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({
      name: 'identity-first-start',
      services: [],
      env: { SONS_DEMO_ACCOUNTS: 'off', SONS_BOOTSTRAP_ADMIN_EMAIL: 'root@sons.lu' },
    });
  });
  afterAll(async () => {
    await system?.stop();
  });

  const gatewayLog = () => readFileSync(join(system.logDir, 'gateway.log'), 'utf8');

  it('should print a one-time admin set-up link, write unsent mail to the log, and have no demo accounts', async () => {
    const log = gatewayLog();
    expect(log).toContain('SMTP_URL is not set');
    const line = log.split('\n').find((l) => l.includes('FIRST START'));
    expect(line).toBeDefined();
    const token = /#token=([A-Za-z0-9_-]+)/.exec(line!)![1];
    // The set-up mail itself was written to the log, clearly marked as not sent.
    expect(
      log
        .split('\n')
        .some((l) => l.includes('E-MAIL NOT SENT (SMTP_URL unset)') && l.includes('root@sons.lu') && l.includes(token)),
    ).toBe(true);

    expect(
      (await new ApiClient(system.baseUrl).post('/api/auth/login', { email: DEMO.admin[0], password: DEMO.admin[1] })).status,
    ).toBe(401);
    expect(
      (
        await new ApiClient(system.baseUrl).post('/api/auth/password-reset/confirm', {
          token,
          password: 'root-chooses-a-passphrase',
        })
      ).status,
    ).toBe(204);
    const root = await new ApiClient(system.baseUrl).login('root@sons.lu', 'root-chooses-a-passphrase');
    const users = await root.get<{ items: { email: string; roles: string[] }[] }>('/api/admin/users');
    expect(users.body.items).toEqual([expect.objectContaining({ email: 'root@sons.lu', roles: ['admin'] })]);
    expect(
      (
        await new ApiClient(system.baseUrl).post<Problem>('/api/auth/password-reset/confirm', {
          token,
          password: 'someone-else-tries-it',
        })
      ).body.code,
    ).toBe('LINK_INVALID');

    // Once the admin has signed in, a restart issues no new link.
    await system.restart('gateway');
    expect(
      gatewayLog()
        .split('\n')
        .filter((l) => l.includes('FIRST START')),
    ).toHaveLength(1);
  });

  it('should answer malformed and oversized bodies with problem details and no stack trace', async () => {
    const malformed = await fetch(`${system.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    const text = await malformed.text();
    expect(text).not.toMatch(/\bat .*\.(js|ts):\d+|stack|SyntaxError/);
    const big = await fetch(`${system.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@y.lu', password: 'p'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as Problem).code).toBe('HTTP_413');
  });
});

describe('identity: rate limits', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({
      name: 'identity-limits',
      services: [],
      env: { RATE_LIMIT_LOGIN: '3', RATE_LIMIT_COMMANDS: '4', RATE_LIMIT_WINDOW_SECONDS: '120' },
    });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('should limit commands (submissions) per session', async () => {
    const client = await operator(system.baseUrl, 'incert');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.post('/api/auth/totp/confirm', { code: 'nope' })).status);
    expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]);
    expect(statuses[4]).toBe(429);
    expect((await client.post<Problem>('/api/auth/totp/confirm', { code: 'nope' })).body.code).toBe('RATE_LIMITED');
    // Another session has its own budget.
    const aes = await operator(system.baseUrl, 'aes');
    expect((await aes.post('/api/auth/totp/confirm', { code: 'nope' })).status).toBe(400);
  });

  it('should answer 429 problem details with Retry-After once the sign-in limit is reached', async () => {
    // Two sign-ins were spent by the test above (budget 3 per window and address).
    expect(
      (await new ApiClient(system.baseUrl).post('/api/auth/login', { email: 'x@example.lu', password: 'whatever-it-is' })).status,
    ).toBe(401);
    const limited = await new ApiClient(system.baseUrl, 'en').post<Problem>('/api/auth/login', {
      email: 'x@example.lu',
      password: 'whatever-it-is',
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(limited.headers.get('retry-after')).toBe('120');
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.body.detail).toBe('Too many sign-in attempts from your address. Retry in 120 seconds.');
    // Reads are not limited.
    expect((await fetch(`${system.baseUrl}/api/auth/me`)).status).toBe(200);
  });
});
