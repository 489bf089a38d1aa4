import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { Parser, type Diagnostic } from '@asyncapi/parser';
import { CloudEvent, HTTP } from 'cloudevents';
import { ApiClient, expectEventually, operator, readStream, startSystem, withoutKeys, type RunningSystem } from '@sons/testing';
import { legalForm1, naturalForm1 } from './fixtures.js';

// Starting the processes takes ~10 s; give a loaded machine (2 shared cores) more before calling it a failure.
const START_TIMEOUT_MS = 150_000;

const root = resolve(import.meta.dirname, '..', '..', '..');
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const SUBMITTED = 'lu.esante.sons.enrolment.application.submitted.v1';
// Spectral's DiagnosticSeverity.Error, typed with the diagnostics' own copy of the enum (@stoplight/types is installed twice).
const ERROR: Diagnostic['severity'] = 0;

type StreamEvent = Awaited<ReturnType<typeof readStream>>[number];
const raw = (event: StreamEvent) => withoutKeys(event, 'natsSubject', 'natsMsgId');

// Runs docs/examples/consumer.mjs against this system's stream and returns the JSON lines it printed.
function runExample(
  system: RunningSystem,
  args: string[],
): Promise<{
  code: number | null;
  lines: {
    streamSeq: number;
    storedAt: string;
    natsMsgId: string;
    event: { id: string; type: string; subject: string; time: string };
  }[];
  stderr: string;
}> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(root, 'docs', 'examples', 'consumer.mjs'),
        '--nats',
        system.env.NATS_URL,
        '--stream',
        system.stream,
        '--prefix',
        system.subjectPrefix,
        '--json',
        '--delete',
        '--idle-exit-ms',
        '5000',
        ...args,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const lines: string[] = [];
    let stderr = '';
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, lines: lines.map((l) => JSON.parse(l) as never), stderr });
    });
  });
}

describe('case events for downstream systems: CloudEvents on JetStream, schemas, AsyncAPI, in-app and e-mail notifications', () => {
  let system: RunningSystem;
  const vendors: { client: ApiClient; enrolmentId: string; vendorId: string }[] = [];

  beforeAll(async () => {
    system = await startSystem({
      name: 'events',
      env: {
        OPERATOR_EMAILS_INCERT: 'incert-desk@example.lu',
        EMAIL_RETRY_SCHEDULE: '200ms',
        EMAIL_RECIPIENT_ATTEMPTS: '2',
        EMAIL_POLL_MS: '100',
      },
    });
    const forms = [
      legalForm1({ matricule: '20181234567' }),
      naturalForm1(),
      legalForm1({ matricule: '20191234567', vatNumber: 'LU15027442', companyName: 'Third SA' }),
    ];
    for (const [i, form] of forms.entries()) {
      const client = await new ApiClient(system.baseUrl).register(`events-vendor${i}@example.lu`);
      const response = await client.post<{ enrolmentId: string; vendorId: string }>('/api/enrolments', { data: form });
      expect(response.status).toBe(201);
      vendors.push({ client, ...response.body });
    }
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await system?.stop();
  });

  const submittedEvents = () =>
    expectEventually(async () => {
      const events = (await readStream(system.nc, system.stream)).filter((e) => e.type === SUBMITTED);
      expect(events.map((e) => e.subject).sort()).toEqual(vendors.map((v) => v.enrolmentId).sort());
      return events;
    });

  it('should publish structured CloudEvents the cloudevents SDK accepts, with Nats-Msg-Id equal to the id, when Form 1 is submitted', async () => {
    const events = await submittedEvents();
    for (const streamed of events) {
      expect(streamed.natsMsgId).toBe(streamed.id);
      expect(streamed.natsSubject).toBe(`${system.subjectPrefix}sons.enrolment.application.submitted`);
      const strict = new CloudEvent(raw(streamed)); // validates against the CloudEvents 1.0 JSON schema
      expect(strict.validate()).toBe(true);
      const parsed = HTTP.toEvent({
        headers: { 'content-type': 'application/cloudevents+json' },
        body: JSON.stringify(raw(streamed)),
      }) as CloudEvent<Record<string, unknown>>;
      expect(parsed.validate()).toBe(true);
      expect(parsed.specversion).toBe('1.0');
      expect(parsed.type).toBe(SUBMITTED);
      expect(parsed.source).toBe('/sons/enrolment');
      expect(parsed.subject).toBe(streamed.subject);
      expect(parsed.sequence).toBe(1);
      expect(parsed.dataschema).toBe(`${system.baseUrl}/api/events/schemas/${SUBMITTED}.json`);
      const vendor = vendors.find((v) => v.enrolmentId === parsed.subject)!;
      expect(parsed.data).toMatchObject({ enrolmentId: vendor.enrolmentId, vendorId: vendor.vendorId, status: 'submitted' });
    }
    // The SDK is not a rubber stamp: a broken envelope is refused.
    expect(() => new CloudEvent({ ...raw(events[0]), time: 'yesterday' })).toThrow();
  });

  it("should serve at each event's dataschema URL a JSON Schema of the whole CloudEvent that the event satisfies", async () => {
    const [event] = await submittedEvents();
    const response = await fetch(event.dataschema);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/schema+json');
    const schema = (await response.json()) as Record<string, unknown>;
    expect(schema.$id).toBe(event.dataschema);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(raw(event))).toBe(true);
    expect(validate({ ...raw(event), data: { ...event.data, vendorId: undefined } })).toBe(false);
    expect(validate({ ...raw(event), type: 'lu.esante.sons.other.thing.happened.v1' })).toBe(false);

    const unknown = await fetch(`${system.baseUrl}/api/events/schemas/lu.esante.sons.nothing.here.happened.v1.json`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('EVENT_TYPE_NOT_FOUND');
  });

  it('should serve the catalogue and the generated AsyncAPI document to anonymous callers', async () => {
    const asyncapi = await fetch(`${system.baseUrl}/api/events/asyncapi.yaml`);
    expect(asyncapi.status).toBe(200);
    expect(asyncapi.headers.get('content-type')).toContain('application/yaml');
    const served = await asyncapi.text();
    // Both requests before the (slow) parse: an idle keep-alive socket may be closed by the server meanwhile.
    const catalogue = (await (await fetch(`${system.baseUrl}/api/events`)).json()) as {
      items: { type: string; subject: string; dataschema: string }[];
    };
    expect(catalogue.items.find((i) => i.type === SUBMITTED)?.dataschema).toBe(
      `${system.baseUrl}/api/events/schemas/${SUBMITTED}.json`,
    );
    const { document, diagnostics } = await new Parser().parse(served);
    expect(diagnostics.filter((d) => d.severity === ERROR)).toEqual([]);
    // The served document describes exactly the catalogue this gateway serves.
    expect(
      document!
        .channels()
        .all()
        .map((c) => c.address())
        .sort(),
    ).toEqual(catalogue.items.map((i) => i.subject).sort());
  });

  it('should replay from a sequence and from a time through the example durable consumer script', async () => {
    const events = (await submittedEvents()).sort((a, b) => a.time.localeCompare(b.time));
    const fromStart = await runExample(system, [
      '--durable',
      'example-from-seq',
      '--filter',
      'sons.enrolment.application.submitted',
      '--from-seq',
      '1',
      '--max',
      String(events.length),
    ]);
    expect(fromStart.code).toBe(0);
    expect(fromStart.lines.map((l) => l.event.id)).toEqual(events.map((e) => e.id));
    for (const line of fromStart.lines) {
      expect(line.natsMsgId).toBe(line.event.id);
      expect(line.event.type).toBe(SUBMITTED);
    }
    const [, second] = fromStart.lines;
    const fromSeq = await runExample(system, [
      '--durable',
      'example-from-seq-2',
      '--filter',
      'sons.enrolment.application.submitted',
      '--from-seq',
      String(second.streamSeq),
      '--max',
      String(events.length - 1),
    ]);
    expect(fromSeq.lines.map((l) => l.event.id)).toEqual(events.slice(1).map((e) => e.id));
    // From a time (when the stream stored the second event): the first is skipped.
    const fromTime = await runExample(system, [
      '--durable',
      'example-from-time',
      '--filter',
      'sons.enrolment.>',
      '--from-time',
      second.storedAt,
      '--idle-exit-ms',
      '2500',
    ]);
    expect(fromTime.code).toBe(0);
    const ids = fromTime.lines.map((l) => l.event.id);
    expect(ids).not.toContain(events[0].id);
    expect(ids).toEqual(expect.arrayContaining(events.slice(1).map((e) => e.id)));
    expect(fromTime.stderr).toContain(`${fromTime.lines.length} event(s)`);
  });

  it('should list in-app notifications of its own vendor only to a vendor, and every one to an operator', async () => {
    const [a, b] = vendors;
    const mine = await expectEventually(async () => {
      const response = await a.client.get<{
        items: { caseId: string; vendorId: string; eventType: string; title: { fr: string; en: string } | null }[];
      }>('/api/notifications');
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeGreaterThan(0);
      return response.body.items;
    });
    expect(mine.every((i) => i.vendorId === a.vendorId)).toBe(true);
    const submitted = mine.find((i) => i.eventType === SUBMITTED)!;
    expect(submitted.caseId).toBe(a.enrolmentId);
    expect(submitted.title).toEqual({ fr: 'Formulaire d’enrôlement reçu', en: 'Enrolment form received' });
    // A vendor cannot widen its view with a filter.
    const sneaky = await a.client.get<{ items: { vendorId: string }[] }>(`/api/notifications?vendorId=${b.vendorId}`);
    expect(sneaky.body.items.every((i) => i.vendorId === a.vendorId)).toBe(true);

    const incert = await operator(system.baseUrl, 'incert');
    await expectEventually(async () => {
      const all = await incert.get<{ items: { caseId: string; eventType: string; title: { fr: string } | null }[] }>(
        '/api/notifications?limit=100',
      );
      expect(new Set(all.body.items.filter((i) => i.eventType === SUBMITTED).map((i) => i.caseId))).toEqual(
        new Set(vendors.map((v) => v.enrolmentId)),
      );
      expect(all.body.items.find((i) => i.eventType === SUBMITTED)?.title?.fr).toBe('Nouveau dossier d’enrôlement à examiner');
    });
    // A vendor's list holds only the steps it is e-mailed about, each with its title.
    expect(mine.every((i) => i.title !== null)).toBe(true);
    // Newest first on request (the dashboard's « latest notifications »), the same entries in reverse order.
    await expectEventually(async () => {
      const oldest = (await incert.get<{ items: { id: string }[] }>('/api/notifications?limit=100')).body.items.map((i) => i.id);
      const newest = (await incert.get<{ items: { id: string }[] }>('/api/notifications?limit=100&order=newest')).body.items.map(
        (i) => i.id,
      );
      expect(oldest.length).toBeGreaterThan(1);
      expect(newest).toEqual([...oldest].reverse());
    });
    const oneVendor = await incert.get<{ items: { vendorId: string }[] }>(`/api/notifications?vendorId=${b.vendorId}`);
    expect(oneVendor.body.items.length).toBeGreaterThan(0);
    expect(oneVendor.body.items.every((i) => i.vendorId === b.vendorId)).toBe(true);
    expect((await fetch(`${system.baseUrl}/api/notifications`)).status).toBe(401);
  });

  it('should record the e-mails of a step as not sent when no SMTP server is configured, and show the log to operators only', async () => {
    const [a] = vendors;
    const incert = await operator(system.baseUrl, 'incert');
    type Email = { audience: string; status: string; to: string[]; subject: string | null; lastError: string | null };
    const emails = await expectEventually(async () => {
      const response = await incert.get<{ items: Email[] }>(`/api/notifications/emails?caseId=${a.enrolmentId}`);
      expect(response.status).toBe(200);
      const byAudience = Object.fromEntries(response.body.items.map((m) => [m.audience, m]));
      expect(byAudience.incert?.status).toBe('not_sent');
      expect(byAudience.vendor?.status).toBe('not_sent');
      return byAudience;
    });
    expect(emails.incert).toMatchObject({
      to: ['incert-desk@example.lu'],
      subject: 'Nouveau dossier d’enrôlement à examiner',
      lastError: 'not sent: no SMTP configured',
    });
    // The vendor's address comes from the enrolment service (sons.enrolment.vendor.contact): the Form 1 e-mail.
    expect(emails.vendor).toMatchObject({
      to: ['contact@medisoft.lu'],
      subject: 'Formulaire d’enrôlement reçu',
      lastError: 'not sent: no SMTP configured',
    });
    expect((await a.client.get('/api/notifications/emails')).status).toBe(403);
  });
});
