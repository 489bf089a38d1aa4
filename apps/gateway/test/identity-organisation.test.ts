import { ApiClient, operator, startSystem, type RunningSystem } from '@sons/testing';
import { legalForm1 } from './fixtures.js';
import { startMailbox, tokenIn, type Mailbox } from './identity-mailbox.js';

type Problem = { code: string; detail: string };
type PublicUser = { id: string; email: string; roles: string[]; vendorId: string | null; active: boolean };

describe('identity: vendor organisations — invitations, members and their rights', () => {
  let system: RunningSystem;
  let mailbox: Mailbox;
  let adminA: ApiClient;
  let vendorA: { vendorId: string; enrolmentId: string };

  beforeAll(async () => {
    mailbox = await startMailbox();
    system = await startSystem({
      name: 'identity-org',
      services: ['enrolment'],
      env: { SMTP_URL: mailbox.url, RATE_LIMIT_LOGIN: '1000' },
    });
    adminA = await new ApiClient(system.baseUrl).register('admin@vendor-a.lu', 'Anne Admin');
    const enrolled = await adminA.post<{ vendorId: string; enrolmentId: string }>('/api/enrolments', { data: legalForm1() });
    expect(enrolled.status).toBe(201);
    vendorA = enrolled.body;
  });
  afterAll(async () => {
    await system?.stop();
    await mailbox?.close();
  });

  const invite = async (email: string) => {
    const response = await adminA.post<{ invitationId: string; email: string; expiresAt: string }>('/api/vendor/invitations', {
      email,
    });
    expect(response.status).toBe(201);
    const mail = await mailbox.waitFor((m) => m.to.includes(email));
    return { invitation: response.body, mail, token: tokenIn(mail) };
  };

  it('should need an enrolled organisation before inviting', async () => {
    const fresh = await new ApiClient(system.baseUrl, 'en').register('early@vendor-z.lu');
    const refused = await fresh.post<Problem>('/api/vendor/invitations', { email: 'colleague@vendor-z.lu' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('VENDOR_NOT_ENROLLED');
    expect(refused.body.detail).toContain('Form 1');
  });

  it('should create a member of the same vendor when the e-mailed invitation is accepted, once', async () => {
    const { invitation, mail, token } = await invite('member@vendor-a.lu');
    expect(mail.subject).toBe('Invitation sur la plateforme de labélisation SONS');
    expect(mail.text).toContain('Anne Admin <admin@vendor-a.lu>');
    expect(mail.text).toContain(`${system.baseUrl}/invitation#token=`);
    const days = (new Date(invitation.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);
    const pending = await adminA.get<{ items: { email: string }[] }>('/api/vendor/invitations');
    expect(pending.body.items.map((i) => i.email)).toEqual(['member@vendor-a.lu']);

    const member = new ApiClient(system.baseUrl);
    const accepted = await member.post<{ user: PublicUser }>('/api/auth/invitations/accept', {
      token,
      password: 'member-passphrase-123',
      displayName: 'Marc Member',
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({
      email: 'member@vendor-a.lu',
      roles: ['vendor_member'],
      vendorId: vendorA.vendorId,
      active: true,
    });

    // The member works on its vendor's cases…
    const cases = await member.get<{ items: { enrolmentId: string }[] }>('/api/enrolments');
    expect(cases.body.items.map((c) => c.enrolmentId)).toEqual([vendorA.enrolmentId]);
    expect((await member.get(`/api/enrolments/${vendorA.enrolmentId}`)).status).toBe(200);
    // …but does not manage people.
    expect((await member.post<Problem>('/api/vendor/invitations', { email: 'friend@vendor-a.lu' })).status).toBe(403);
    expect((await member.get('/api/vendor/members')).status).toBe(403);

    const again = await new ApiClient(system.baseUrl).post<Problem>('/api/auth/invitations/accept', {
      token,
      password: 'member-passphrase-456',
      displayName: 'Twice',
    });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('LINK_INVALID');
    expect((await adminA.get<{ items: unknown[] }>('/api/vendor/invitations')).body.items).toEqual([]);
  });

  it('should let the vendor admin list and deactivate its members, and nobody else', async () => {
    const { token } = await invite('leaver@vendor-a.lu');
    const leaver = new ApiClient(system.baseUrl);
    const leaverId = (
      await leaver.post<{ user: PublicUser }>('/api/auth/invitations/accept', {
        token,
        password: 'leaver-passphrase-12',
        displayName: 'Leo Leaver',
      })
    ).body.user.id;

    const members = await adminA.get<{ items: PublicUser[] }>('/api/vendor/members');
    expect(members.body.items.map((m) => m.email)).toEqual(['admin@vendor-a.lu', 'leaver@vendor-a.lu', 'member@vendor-a.lu']);

    const adminB = await new ApiClient(system.baseUrl).register('admin@vendor-b.lu');
    expect(
      (
        await adminB.post('/api/enrolments', {
          data: legalForm1({
            companyName: 'Other Vendor SA',
            matricule: '20221234567',
            vatNumber: 'LU10000356',
            email: 'b@vendor-b.lu',
          }),
        })
      ).status,
    ).toBe(201);
    const listB = await adminB.get<{ items: PublicUser[] }>('/api/vendor/members');
    expect(listB.body.items.map((m) => m.email)).toEqual(['admin@vendor-b.lu']);
    const crossTenant = await adminB.post<Problem>(`/api/vendor/members/${leaverId}/deactivate`);
    expect(crossTenant.status).toBe(404);
    expect((await leaver.get('/api/enrolments')).status).toBe(200);

    const adminAId = members.body.items.find((m) => m.email === 'admin@vendor-a.lu')!.id;
    expect((await adminA.post<Problem>(`/api/vendor/members/${adminAId}/deactivate`)).body.code).toBe('CANNOT_DEACTIVATE_ADMIN');
    const done = await adminA.post<{ user: PublicUser }>(`/api/vendor/members/${leaverId}/deactivate`);
    expect(done.status).toBe(200);
    expect(done.body.user.active).toBe(false);
    expect((await leaver.get('/api/enrolments')).status).toBe(401);
    expect(
      (
        await new ApiClient(system.baseUrl).post('/api/auth/login', {
          email: 'leaver@vendor-a.lu',
          password: 'leaver-passphrase-12',
        })
      ).status,
    ).toBe(401);

    const trail = await (
      await operator(system.baseUrl, 'readonly')
    ).get<{ items: { route: string; changes: unknown; vendorId: string }[] }>(`/api/audit?caseId=${leaverId}`);
    const deactivation = trail.body.items.find(
      (e) => e.route === '/api/vendor/members/:userId/deactivate' && e.vendorId === vendorA.vendorId,
    );
    expect(deactivation?.changes).toEqual({ before: { active: true }, after: { active: false } });
  });

  it('should make a revoked invitation unusable', async () => {
    const { invitation, token } = await invite('maybe@vendor-a.lu');
    expect((await adminA.post(`/api/vendor/invitations/${invitation.invitationId}/revoke`)).status).toBe(200);
    const refused = await new ApiClient(system.baseUrl).post<Problem>('/api/auth/invitations/accept', {
      token,
      password: 'maybe-passphrase-123',
      displayName: 'May Be',
    });
    expect(refused.body.code).toBe('LINK_INVALID');
  });

  it('should refuse an invitation after its 7 days', async () => {
    const { token } = await invite('slow@vendor-a.lu');
    await system.restart('gateway', { SONS_NOW: new Date(Date.now() + 7 * 86_400_000 + 60_000).toISOString() });
    const late = await new ApiClient(system.baseUrl).post<Problem>('/api/auth/invitations/accept', {
      token,
      password: 'slow-passphrase-1234',
      displayName: 'Slow',
    });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('LINK_EXPIRED');
  });
});
