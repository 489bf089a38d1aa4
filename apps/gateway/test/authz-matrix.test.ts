// The authorisation matrix (issue 9, acceptance): every route the gateway serves — discovered from the running app,
// never hand-copied — is called by every persona against vendor A's objects. It fails on any 2xx the route's
// declared @Access rule does not allow, on any route without a rule, on any 2xx vendor B gets on a path naming one of
// vendor A's objects, and on any answer to vendor B or an anonymous caller that contains vendor A's data.
// A new route is swept the day it lands. Bodies are `{}`: commands that validate first answer 400 before any
// ownership check, which per-feature tests cover with real bodies.
import { randomUUID } from 'node:crypto';
import { ApiClient, DEMO, startSystem, type RunningSystem } from '@sons/testing';
import { ROLES } from '@sons/contracts';
import { legalForm1 } from './fixtures.js';
import { startMailbox, tokenIn, type Mailbox } from './identity-mailbox.js';

type Route = {
  method: string;
  path: string;
  controller: string;
  handler: string;
  access: string[] | null;
  auditRead: string | null;
};
type Persona = 'anonymous' | 'vendorB' | 'memberA' | 'readonly' | 'incert' | 'aes' | 'adminA' | 'admin';
// Unprivileged personas first: they meet vendor A's objects before any allowed persona changed them.
const PERSONAS: Persona[] = ['anonymous', 'vendorB', 'memberA', 'readonly', 'incert', 'aes', 'adminA', 'admin'];
const ROLE_OF: Record<Persona, string | null> = {
  anonymous: null,
  vendorB: 'vendor_admin',
  memberA: 'vendor_member',
  readonly: 'readonly',
  incert: 'incert',
  aes: 'aes',
  adminA: 'vendor_admin',
  admin: 'admin',
};
const PASSWORD = 'correct-horse-battery-42';

const allows = (access: string[], persona: Persona): boolean => {
  const role = ROLE_OF[persona];
  return access.includes('public') || (role !== null && (access.includes('authenticated') || access.includes(role)));
};

describe('authorisation matrix: every route × every persona against vendor A', () => {
  let system: RunningSystem;
  let mailbox: Mailbox;
  let routes: Route[];
  const clients = new Map<Persona, ApiClient>();
  const credentials = new Map<Persona, [string, string]>();
  // Vendor A's objects (substituted into path parameters) and secrets (never to reach vendor B or anonymous callers).
  const a = { enrolmentId: '', vendorId: '', memberId: '', victimId: '', adminId: '', attachmentId: '', invitationId: '' };
  let secretsOfA: string[] = [];
  let publicSecretsOfA: string[] = [];

  const signIn = async (persona: Persona): Promise<ApiClient> => {
    const client = new ApiClient(system.baseUrl, 'en');
    const cred = credentials.get(persona);
    if (cred) await client.login(cred[0], cred[1]);
    clients.set(persona, client);
    return client;
  };

  const acceptInvitation = async (admin: ApiClient, email: string): Promise<string> => {
    expect((await admin.post('/api/vendor/invitations', { email })).status).toBe(201);
    const token = tokenIn(await mailbox.waitFor((m) => m.to.includes(email)));
    const accepted = await new ApiClient(system.baseUrl).post<{ user: { id: string } }>('/api/auth/invitations/accept', {
      token,
      password: PASSWORD,
      displayName: email,
    });
    expect(accepted.status).toBe(201);
    return accepted.body.user.id;
  };

  beforeAll(async () => {
    mailbox = await startMailbox();
    system = await startSystem({
      name: 'authz-matrix',
      env: { SMTP_URL: mailbox.url, RATE_LIMIT_LOGIN: '10000', RATE_LIMIT_COMMANDS: '10000' },
    });

    const adminA = await new ApiClient(system.baseUrl).register('admin@vendor-a.lu', 'Alice of A');
    const enrolled = await adminA.post<{ enrolmentId: string; vendorId: string }>('/api/enrolments', { data: legalForm1() });
    expect(enrolled.status).toBe(201);
    a.enrolmentId = enrolled.body.enrolmentId;
    a.vendorId = enrolled.body.vendorId;
    a.adminId = (await adminA.get<{ user: { id: string } }>('/api/auth/me')).body.user.id;
    a.memberId = await acceptInvitation(adminA, 'member@vendor-a.lu');
    a.victimId = await acceptInvitation(adminA, 'victim@vendor-a.lu');
    a.invitationId = (
      await adminA.post<{ invitationId: string }>('/api/vendor/invitations', { email: 'pending@vendor-a.lu' })
    ).body.invitationId;
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const uploaded = await adminA.upload(pdf, 'nda-vendor-a.pdf', 'nda');
    expect(uploaded.status).toBe(201);
    a.attachmentId = uploaded.body.id;

    const vendorB = await new ApiClient(system.baseUrl).register('admin@vendor-b.lu', 'Bob of B');
    const enrolledB = await vendorB.post('/api/enrolments', {
      data: legalForm1({
        companyName: 'Zeta Logiciels SA',
        ceoFirstName: 'Bruno',
        ceoLastName: 'Zimmer',
        matricule: '20221234567',
        vatNumber: 'LU10000356',
        iban: 'LU12 0010 0012 3456 7891',
        email: 'contact@zeta.lu',
        intendedSoftwareName: 'ZetaMed',
      }),
    });
    expect(enrolledB.status).toBe(201);

    credentials.set('vendorB', ['admin@vendor-b.lu', PASSWORD]);
    credentials.set('memberA', ['member@vendor-a.lu', PASSWORD]);
    credentials.set('adminA', ['admin@vendor-a.lu', PASSWORD]);
    for (const role of ['readonly', 'incert', 'aes', 'admin'] as const) credentials.set(role, [DEMO[role][0], DEMO[role][1]]);
    for (const persona of PERSONAS) await signIn(persona);

    const form = legalForm1();
    publicSecretsOfA = [
      form.iban,
      form.iban.replace(/\s/g, ''),
      form.matricule,
      'admin@vendor-a.lu',
      'member@vendor-a.lu',
      'victim@vendor-a.lu',
      'pending@vendor-a.lu',
    ];
    secretsOfA = [
      ...publicSecretsOfA,
      ...Object.values(a),
      form.companyName,
      form.vatNumber,
      form.email,
      'Alice of A',
      'nda-vendor-a.pdf',
    ];

    const listed = await clients.get('admin')!.get<{ items: Route[] }>('/api/_meta/routes');
    expect(listed.status).toBe(200);
    routes = listed.body.items;
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
    await mailbox?.close();
  });

  it('should discover the routes from the running app, each with a valid @Access rule', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    for (const known of [
      'GET /api/enrolments/:id',
      'POST /api/enrolments',
      'GET /api/_meta/routes',
      'GET /api/audit',
      'POST /api/auth/login',
      'POST /api/vendor/invitations',
    ])
      expect(keys).toContain(known);
    expect(routes.filter((r) => r.access === null).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`)).toEqual(
      [],
    );
    const valid = new Set<string>(['public', 'authenticated', ...ROLES]);
    expect(
      routes.flatMap((r) => (r.access ?? []).filter((rule) => !valid.has(rule)).map((rule) => `${r.method} ${r.path}: ${rule}`)),
    ).toEqual([]);
  });

  it('should give no persona a 2xx its rule or its tenancy does not allow, and never show vendor A’s data to others', async () => {
    const objectIds = [a.enrolmentId, a.vendorId, a.victimId, a.attachmentId, a.invitationId];
    const smart = (name: string): string =>
      /user|member/i.test(name)
        ? a.victimId
        : /vendor/i.test(name)
          ? a.vendorId
          : /attachment|file|document/i.test(name)
            ? a.attachmentId
            : /invitation/i.test(name)
              ? a.invitationId
              : a.enrolmentId;
    // The role check happens before any object is loaded, so one path per route tells whether a role gets through;
    // tenancy is what varies with the object, so vendor B also gets vendor A's case id and an id that exists nowhere.
    const pathsOf = (route: Route, persona: Persona): string[] => {
      const fill = (value: (name: string) => string) =>
        route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => value(name));
      if (!route.path.includes(':') || persona !== 'vendorB') return [fill(smart)];
      return [...new Set([fill(smart), fill(() => a.enrolmentId), fill(() => randomUUID())])];
    };

    const violations: string[] = [];
    let requests = 0;
    const sweep = async (persona: Persona, route: Route, path: string): Promise<void> => {
      const access = route.access ?? [];
      let client = clients.get(persona)!;
      let answer = await client.raw(route.method, path);
      requests++;
      if (answer.status === 401 && persona !== 'anonymous') {
        // The session may have been ended by another route (logout): sign in again and retry once.
        client = await signIn(persona);
        answer = await client.raw(route.method, path);
      }
      const label = `${persona} ${route.method} ${path} (${route.method} ${route.path} @Access(${access.join(',')})) → ${answer.status}`;
      const ok = answer.status >= 200 && answer.status < 300;
      if (ok && !allows(access, persona)) violations.push(`${label}: not allowed by the route's rule`);
      if (ok && persona === 'readonly' && route.method !== 'GET' && !route.path.startsWith('/api/auth/'))
        violations.push(`${label}: read-only changed something`);
      if (persona === 'vendorB' || persona === 'anonymous') {
        const named = objectIds.filter((id) => path.includes(id));
        if (ok && named.length > 0 && !access.includes('public'))
          violations.push(`${label}: reached vendor A's object ${named.join(',')}`);
        const scanned = (access.includes('public') ? publicSecretsOfA : secretsOfA).filter((secret) => !path.includes(secret));
        const leaked = scanned.filter((secret) => answer.text.includes(secret));
        if (leaked.length > 0) violations.push(`${label}: answer contains vendor A's ${leaked.join(', ')}`);
      }
      if (ok && route.method !== 'GET' && persona !== 'anonymous') {
        // A command may have ended this persona's session (logout, deactivation): keep the sweep signed in.
        const me = await client.get<{ user: unknown }>('/api/auth/me');
        if (!me.body.user && clients.get(persona) === client) await signIn(persona);
      }
    };
    // Persona after persona (the order above); within one persona, a few requests at a time.
    for (const persona of PERSONAS) {
      const jobs = routes.flatMap((route) => pathsOf(route, persona).map((path) => [route, path] as const));
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          for (let job = jobs.shift(); job; job = jobs.shift()) await sweep(persona, job[0], job[1]);
        }),
      );
    }
    expect(violations).toEqual([]);
    // The sweep really ran: every persona on every route, with substitutions.
    expect(requests).toBeGreaterThanOrEqual(PERSONAS.length * routes.length);
  }, 300_000);

  it('should have refused vendor B on vendor A’s objects that the matrix tried', async () => {
    const vendorB = clients.get('vendorB')!;
    expect((await vendorB.get(`/api/enrolments/${a.enrolmentId}`)).status).toBe(404);
    expect((await vendorB.raw('GET', `/api/attachments/${a.attachmentId}/content`)).status).toBe(404);
    expect((await vendorB.post(`/api/vendor/members/${a.memberId}/deactivate`)).status).toBe(404);
    expect((await vendorB.post(`/api/vendor/invitations/${a.invitationId}/revoke`)).status).toBe(404);
    // …and vendor A's member still works: nothing vendor B did reached it.
    const member = await new ApiClient(system.baseUrl).login('member@vendor-a.lu', PASSWORD);
    expect((await member.get(`/api/enrolments/${a.enrolmentId}`)).status).toBe(200);
  });
});
