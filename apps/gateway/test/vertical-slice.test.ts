import { ApiClient, expectEventually, operator, readStream, startSystem, type RunningSystem } from '@sons/testing';
import { legalForm1 } from './fixtures.js';

describe('vertical slice: POST /api/enrolments → NATS → enrolment → outbox → JetStream → notifications', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ name: 'slice' });
  });
  afterAll(async () => {
    await system?.stop();
  });

  let vendors = 0;
  const newVendor = async (locale: 'fr' | 'en' = 'fr') =>
    new ApiClient(system.baseUrl, locale).register(`vendor${++vendors}@example.lu`);
  const post = async (body: unknown, headers: Record<string, string> = {}, client?: ApiClient) => {
    const response = await (client ?? (await newVendor(headers['accept-language'] === 'en' ? 'en' : 'fr'))).post(
      '/api/enrolments',
      body,
      headers,
    );
    return { status: response.status, headers: response.headers, json: async () => response.body };
  };

  it('should report every service, NATS and each database healthy when the system is up', async () => {
    const response = await fetch(`${system.baseUrl}/api/health`);
    const body = (await response.json()) as {
      status: string;
      services: Record<string, { status: string; checks: Record<string, { status: string }> }>;
    };
    expect(response.status).toBe(200);
    expect(body.status).toBe('up');
    for (const service of ['enrolment', 'labelling', 'connection', 'billing', 'documents', 'notifications']) {
      expect(body.services[service]?.checks.nats?.status).toBe('up');
      expect(body.services[service]?.checks.database?.status).toBe('up');
    }
  });

  it('should persist the enrolment, publish one event and have notifications record it when Form 1 is valid', async () => {
    const response = await post({ data: legalForm1() });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { enrolmentId: string; vendorId: string; status: string; vendorName: string };
    expect(created.status).toBe('submitted');
    expect(created.vendorName).toBe('MediSoft Luxembourg S.à r.l.');

    const incert = await operator(system.baseUrl, 'incert');
    const read = await incert.get<{ data: { iban: string } }>(`/api/enrolments/${created.enrolmentId}`);
    expect(read.status).toBe(200);
    expect(read.body.data.iban).toBe('LU280019400644750000');

    const events = await expectEventually(async () => {
      const all = (await readStream(system.nc, system.stream)).filter((e) => e.subject === created.enrolmentId);
      expect(all).toHaveLength(1);
      return all;
    });
    const event = events[0];
    expect(event.type).toBe('lu.esante.sons.enrolment.application.submitted.v1');
    expect(event.specversion).toBe('1.0');
    expect(event.natsMsgId).toBe(event.id);
    expect(event.sequence).toBe(1);
    expect(event.data).toEqual({
      enrolmentId: created.enrolmentId,
      vendorId: created.vendorId,
      status: 'submitted',
      personType: 'legal',
    });

    const { Bus } = await import('@sons/platform');
    const { listInbox } = await import('@sons/contracts');
    const { pino } = await import('pino');
    const bus = new Bus(system.nc, system.subjectPrefix, pino({ level: 'silent' }));
    await expectEventually(async () => {
      const inbox = await bus.request(listInbox, { caseId: created.enrolmentId, limit: 10 });
      expect(inbox.items.map((i) => i.eventId)).toEqual([event.id]);
    });
  });

  it('should answer 400 listing every failing field and rule when the body breaks the contract', async () => {
    const response = await post(
      { data: legalForm1({ companyName: '', email: 'not-an-email', declaration: undefined }) },
      { 'accept-language': 'en' },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { code: string; errors: { path: string; rule: string; message: string }[] };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['companyName', 'declaration', 'email']);
    expect(problem.errors.every((e) => e.message.length > 10)).toBe(true);
  });

  it('should refuse an IBAN whose check digits are wrong with a French message by default', async () => {
    const response = await post({
      data: legalForm1({ iban: 'LU28 0019 4006 4475 0001', matricule: '20181234599', vatNumber: 'LU15027442' }),
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors[0]?.path).toBe('iban');
    expect(problem.errors[0]?.message).toContain('clé de contrôle');
  });

  it('should create one enrolment when the same submission is retried with one Idempotency-Key', async () => {
    const body = { data: legalForm1({ matricule: '20191234567', vatNumber: 'LU15027442', companyName: 'Retry SA' }) };
    const vendor = await newVendor();
    // Sent several times at the same moment (a double click, a retry racing the first call), then once more: every
    // answer is the one enrolment.
    const concurrent = await Promise.all(
      Array.from({ length: 3 }, () => post(body, { 'idempotency-key': 'retry-key-0001' }, vendor)),
    );
    const answers = await Promise.all(
      [...concurrent, await post(body, { 'idempotency-key': 'retry-key-0001' }, vendor)].map(async (r) => ({
        status: r.status,
        body: (await r.json()) as { enrolmentId?: string },
      })),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((r) => r.body.enrolmentId)).size).toBe(1);
    const list = (
      await (await operator(system.baseUrl, 'readonly')).get<{ items: { vendorName: string }[] }>('/api/enrolments?limit=100')
    ).body;
    expect(list.items.filter((i) => i.vendorName === 'Retry SA')).toHaveLength(1);
  });

  it('should answer 409 pointing at the existing vendor when the matricule is already enrolled', async () => {
    const first = (await (
      await post({ data: legalForm1({ matricule: '20201234567', vatNumber: 'LU10000356', companyName: 'First SA' }) })
    ).json()) as { vendorId: string };
    const response = await post({
      data: legalForm1({ matricule: '20201234567', vatNumber: 'LU20165772', companyName: 'Second SA' }),
    });
    expect(response.status).toBe(409);
    const problem = (await response.json()) as { code: string; existingVendorId: string; field: string };
    expect(problem.code).toBe('DUPLICATE_ENROLMENT');
    expect(problem.field).toBe('matricule');
    expect(problem.existingVendorId).toBe(first.vendorId);
  });

  it('should show a vendor only its own enrolments when it lists them', async () => {
    const vendor = await newVendor();
    const mine = (await (
      await post(
        { data: legalForm1({ matricule: '20211234567', vatNumber: 'LU12345613', companyName: 'Mine SARL' }) },
        {},
        vendor,
      )
    ).json()) as { enrolmentId: string };
    const list = await vendor.get<{ items: { enrolmentId: string }[] }>('/api/enrolments');
    expect(list.body.items.map((i) => i.enrolmentId)).toEqual([mine.enrolmentId]);
    const other = await newVendor();
    expect((await other.get(`/api/enrolments/${mine.enrolmentId}`)).status).toBe(404);
    expect((await fetch(`${system.baseUrl}/api/enrolments`)).status).toBe(401);
  });

  it('should answer a JSON 404 when the route does not exist', async () => {
    const response = await fetch(`${system.baseUrl}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('NOT_FOUND');
  });

  it('should page through enrolments with a cursor when there are more than the limit', async () => {
    const incert = await operator(system.baseUrl, 'incert');
    const page1 = (await incert.get<{ items: { enrolmentId: string }[]; nextCursor: string | null }>('/api/enrolments?limit=2'))
      .body;
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (await incert.get<{ items: { enrolmentId: string }[] }>(`/api/enrolments?limit=2&cursor=${page1.nextCursor}`))
      .body;
    expect(page2.items.length).toBeGreaterThan(0);
    expect(page2.items.map((i) => i.enrolmentId)).not.toContain(page1.items[0].enrolmentId);
  });
});
