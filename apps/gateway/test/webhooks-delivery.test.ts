import { randomBytes, randomUUID } from 'node:crypto';
import { CloudEvent } from 'cloudevents';
import { ApiClient, expectEventually, operator, startSystem, type RunningSystem } from '@sons/testing';
import { legalForm1 } from './fixtures.js';
import { PING, Subscriber } from './webhook-subscriber.js';

// Starting the processes takes ~10 s; give a loaded machine (2 shared cores) more before calling it a failure.
const START_TIMEOUT_MS = 150_000;

const SUBMITTED = 'lu.esante.sons.enrolment.application.submitted.v1';

// Luxembourg VAT numbers: 6 digits and their remainder modulo 89.
const luVat = (six: number) => `LU${six}${String(six % 89).padStart(2, '0')}`;

type Subscription = {
  id: string;
  status: string;
  secretHint: string;
  counts?: { pending: number; delivered: number; dead: number };
};
type Delivery = {
  id: string;
  eventId: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  log: { statusCode: number | null; error: string | null }[];
};

describe('webhooks: registration checks, signed at-least-once delivery with retries, dead letters', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  const subscribers: Subscriber[] = [];
  let vendorCount = 0;

  beforeAll(async () => {
    system = await startSystem({
      name: 'webhooks',
      services: ['enrolment', 'notifications'],
      env: {
        WEBHOOK_RETRY_SCHEDULE: '100ms,200ms,400ms,800ms,1600ms,3200ms',
        WEBHOOK_TIMEOUT_MS: '3000',
        WEBHOOK_POLL_MS: '100',
      },
    });
    admin = await operator(system.baseUrl, 'admin');
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all(subscribers.map((s) => s.stop()));
    await system?.stop();
  });

  const subscriber = async () => {
    const s = await new Subscriber().start();
    subscribers.push(s);
    return s;
  };
  const register = (s: Subscriber, extra: Record<string, unknown> = {}, client = admin) =>
    client.post<{
      subscription: Subscription;
      secret: string;
      code?: string;
      detail?: string;
      errors?: { path: string; rule: string }[];
    }>('/api/webhooks', {
      callbackUrl: s.url,
      eventTypes: ['lu.esante.sons.enrolment.*'],
      secret: s.secret,
      ...extra,
    });
  const submitForm1 = async () => {
    const n = ++vendorCount;
    const vendor = await new ApiClient(system.baseUrl).register(`hook-vendor${n}@example.lu`);
    const response = await vendor.post<{ enrolmentId: string; vendorId: string }>('/api/enrolments', {
      data: legalForm1({ matricule: `2018123450${n}`, vatNumber: luVat(300_000 + n), companyName: `Hook ${n} SA` }),
    });
    expect(response.status).toBe(201);
    return response.body;
  };
  const deliveries = async (subscriptionId: string, query = '') =>
    (await admin.get<{ items: Delivery[] }>(`/api/webhooks/${subscriptionId}/deliveries${query}`)).body.items;

  describe('registration', () => {
    it('should refuse a callback that accepts calls without a valid signature', async () => {
      const careless = await subscriber();
      careless.acceptUnsigned = true;
      const response = await register(careless, {}, await operator(system.baseUrl, 'admin', 'en'));
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('WEBHOOK_CHECK_FAILED');
      expect(response.body.detail).toContain('unsigned check call got HTTP 204');
      expect(response.body.detail).toContain('401 or 403');
      // It saw both calls: the signed one, then the unsigned one.
      expect(careless.requests.map((r) => r.validSignature)).toEqual([true, false]);
      const list = await admin.get<{ items: Subscription[] }>('/api/webhooks');
      expect(list.body.items).toHaveLength(0);
    });

    it('should refuse a callback that does not accept a correctly signed call, or does not answer', async () => {
      const other = await subscriber();
      const wrongSecret = await register(other, { secret: `whsec_${randomBytes(32).toString('base64')}` });
      expect(wrongSecret.status).toBe(422);
      expect(wrongSecret.body.detail).toContain('appel signé de vérification a reçu HTTP 401');
      const closed = await subscriber();
      const url = closed.url;
      await closed.stop();
      const unreachable = await admin.post<{ code: string; detail: string }>('/api/webhooks', {
        callbackUrl: url,
        eventTypes: ['*'],
        secret: closed.secret,
      });
      expect(unreachable.status).toBe(422);
      expect(unreachable.body.detail).toContain('ECONNREFUSED');
    });

    it('should refuse link-local, metadata and non-http callback URLs before calling anything', async () => {
      for (const [callbackUrl, rule] of [
        ['http://169.254.169.254/latest/meta-data/', 'blocked_address'],
        ['http://[fe80::1]:8080/hook', 'blocked_address'],
        ['http://metadata.google.internal/computeMetadata/v1/', 'metadata_host'],
        ['ftp://files.example.lu/hook', 'protocol'],
      ] as const) {
        const response = await admin.post<{ code: string; errors: { path: string; rule: string; message: string }[] }>(
          '/api/webhooks',
          { callbackUrl, eventTypes: ['*'], secret: `whsec_${randomBytes(32).toString('base64')}` },
        );
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([expect.objectContaining({ path: 'callbackUrl', rule })]);
        expect(response.body.errors[0].message.length).toBeGreaterThan(20);
      }
      const unknownType = await admin.post<{ errors: { path: string; rule: string }[] }>('/api/webhooks', {
        callbackUrl: 'http://127.0.0.1:9/x',
        eventTypes: ['lu.esante.sons.enrolment.application.submited.v1'],
      });
      expect(unknownType.status).toBe(400);
      expect(unknownType.body.errors[0]).toMatchObject({ path: 'eventTypes[0]', rule: 'known_event_type' });
    });

    it('should let admin and AeS manage subscribers, readonly list them, and nobody else', async () => {
      const s = await subscriber();
      const aes = await operator(system.baseUrl, 'aes');
      const created = await register(s, {}, aes);
      expect(created.status).toBe(201);
      expect(created.body.secret).toBe(s.secret);
      expect(created.body.subscription).toMatchObject({ status: 'active', secretHint: `whsec_…${s.secret.slice(-4)}` });
      const readonly = await operator(system.baseUrl, 'readonly');
      const listed = await readonly.get<{ items: Subscription[] }>('/api/webhooks');
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((i) => i.id)).toContain(created.body.subscription.id);
      expect(JSON.stringify(listed.body)).not.toContain(s.secret);
      expect((await register(s, {}, readonly)).status).toBe(403);
      expect((await register(s, {}, await operator(system.baseUrl, 'incert'))).status).toBe(403);
      const vendor = await new ApiClient(system.baseUrl).register('nosy-vendor@example.lu');
      expect((await vendor.get('/api/webhooks')).status).toBe(403);
      expect((await fetch(`${system.baseUrl}/api/webhooks`)).status).toBe(401);
      expect((await readonly.request('DELETE', `/api/webhooks/${created.body.subscription.id}`)).status).toBe(403);
      expect((await aes.request('DELETE', `/api/webhooks/${created.body.subscription.id}`)).status).toBe(200);
      expect((await admin.get<{ items: Subscription[] }>('/api/webhooks')).body.items.map((i) => i.id)).not.toContain(
        created.body.subscription.id,
      );
    });

    it('should generate a secret shown once and deliver only after the subscriber passes verification', async () => {
      const s = await subscriber();
      const created = await admin.post<{ subscription: Subscription; secret: string }>('/api/webhooks', {
        callbackUrl: s.url,
        eventTypes: [SUBMITTED],
      });
      expect(created.status).toBe(201);
      expect(created.body.subscription.status).toBe('pending_verification');
      expect(created.body.secret).toMatch(/^whsec_/);
      expect(s.requests).toHaveLength(0);
      // The subscriber does not know this secret yet: verification fails until it is configured with it.
      expect((await admin.post(`/api/webhooks/${created.body.subscription.id}/verify`)).status).toBe(422);
      (s as { secret: string }).secret = created.body.secret;
      const verified = await admin.post<Subscription>(`/api/webhooks/${created.body.subscription.id}/verify`);
      expect(verified.status).toBe(200);
      expect(verified.body.status).toBe('active');
      await admin.request('DELETE', `/api/webhooks/${created.body.subscription.id}`);
    });
  });

  describe('delivery', () => {
    it('should deliver every event with a valid HMAC to a subscriber that answers 500 to its first deliveries', async () => {
      const s = await subscriber();
      s.behaviour = (n) => (n <= 4 ? 500 : 200);
      const { subscription } = (await register(s)).body;
      const cases = [await submitForm1(), await submitForm1(), await submitForm1()];
      await expectEventually(
        () => expect(s.received.map((r) => r.event.subject).sort()).toEqual(cases.map((c) => c.enrolmentId).sort()),
        { timeoutMs: 20_000 },
      );
      for (const r of s.received) {
        expect(r.validSignature).toBe(true);
        expect(r.headers['content-type']).toBe('application/cloudevents+json');
        expect(r.headers['webhook-id']).toBe(r.event.id);
        expect(r.event.validate()).toBe(true);
        expect(new CloudEvent(JSON.parse(r.body) as Record<string, unknown>).type).toBe(SUBMITTED);
        expect(r.event.data).toMatchObject({ enrolmentId: r.event.subject, status: 'submitted' });
      }
      // Every case event it got, failed or not, was signed (only the registration check's second call was not).
      expect(s.requests.filter((r) => r.type === SUBMITTED)).toHaveLength(3 + 4);
      expect(s.requests.filter((r) => r.type === SUBMITTED).every((r) => r.validSignature)).toBe(true);
      expect(s.requests.filter((r) => r.type === PING).map((r) => r.validSignature)).toEqual([true, false]);
      const log = await expectEventually(async () => {
        const items = await deliveries(subscription.id);
        expect(items.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
        return items;
      });
      expect(log.reduce((n, d) => n + d.attempts, 0)).toBe(3 + 4);
      expect(log.flatMap((d) => d.log.map((a) => a.statusCode)).filter((c) => c === 500)).toHaveLength(4);
      const listed = (await admin.get<{ items: Subscription[] }>('/api/webhooks')).body.items.find(
        (i) => i.id === subscription.id,
      );
      expect(listed?.counts).toEqual({ pending: 0, delivered: 3, dead: 0 });
      await admin.request('DELETE', `/api/webhooks/${subscription.id}`);
    });

    it('should keep a pending delivery across a restart of notifications and deliver it when the subscriber is back', async () => {
      const s = await subscriber();
      let up = false;
      s.behaviour = () => (up ? 200 : 503);
      const { subscription } = (await register(s)).body;
      const created = await submitForm1();
      await expectEventually(async () => {
        const [d] = await deliveries(subscription.id);
        expect(d?.status).toBe('pending');
        expect(d?.lastStatusCode).toBe(503);
      });
      await system.restart('notifications');
      up = true;
      await expectEventually(() => expect(s.received.map((r) => r.event.subject)).toEqual([created.enrolmentId]), {
        timeoutMs: 20_000,
      });
      expect(s.received[0].validSignature).toBe(true);
      // One delivery row, failed before the restart and delivered after it.
      const [d] = await expectEventually(async () => {
        const items = await deliveries(subscription.id);
        expect(items.map((i) => i.status)).toEqual(['delivered']);
        return items;
      });
      expect(d.log[0].statusCode).toBe(503);
      expect(d.log.at(-1)!.statusCode).toBe(200);
      await admin.request('DELETE', `/api/webhooks/${subscription.id}`);
    });

    it('should keep a fast subscriber fast while another hangs, and send nothing to a subscriber filtering another vendor', async () => {
      const slow = await subscriber();
      slow.behaviour = () => 'hang';
      const fast = await subscriber();
      const filtered = await subscriber();
      const ids = [
        (await register(slow)).body.subscription.id,
        (await register(fast)).body.subscription.id,
        (await register(filtered, { vendorId: randomUUID() })).body.subscription.id,
      ];
      const created = await submitForm1();
      await expectEventually(() => expect(slow.requests.some((r) => r.type === SUBMITTED)).toBe(true));
      await expectEventually(() => expect(fast.received.map((r) => r.event.subject)).toEqual([created.enrolmentId]));
      const slowStarted = slow.requests.find((r) => r.type === SUBMITTED)!.at;
      // The hanging call lasts 3 s (WEBHOOK_TIMEOUT_MS); the fast subscriber did not wait for it.
      expect(Math.abs(fast.received[0].at - slowStarted)).toBeLessThan(2000);
      await expectEventually(async () => {
        const [d] = await deliveries(ids[0]);
        expect(d?.log[0]?.error).toContain('timed out after 3000 ms');
      });
      expect(await deliveries(ids[2])).toEqual([]);
      for (const id of ids) await admin.request('DELETE', `/api/webhooks/${id}`);
    });

    it('should turn a delivery into a dead letter after the retry schedule, and deliver it when an operator resends', async () => {
      const s = await subscriber();
      let fixed = false;
      s.behaviour = () => (fixed ? 200 : 500);
      const { subscription } = (await register(s)).body;
      const created = await submitForm1();
      const [dead] = await expectEventually(
        async () => {
          const items = (
            await admin.get<{ items: (Delivery & { subscriptionId: string })[] }>('/api/webhooks/deliveries?status=dead')
          ).body.items.filter((d) => d.subscriptionId === subscription.id);
          expect(items).toHaveLength(1);
          return items;
        },
        { timeoutMs: 20_000 },
      );
      expect(dead.attempts).toBe(7); // the first attempt and the 6 retries of the schedule
      expect(dead.log.map((a) => a.statusCode)).toEqual([500, 500, 500, 500, 500, 500, 500]);
      expect(s.received).toHaveLength(0);
      fixed = true;
      const resent = await admin.post<{ resent: number }>(`/api/webhooks/${subscription.id}/resend`);
      expect(resent.body).toEqual({ resent: 1 });
      await expectEventually(() => expect(s.received.map((r) => r.event.subject)).toEqual([created.enrolmentId]));
      await expectEventually(async () => expect((await deliveries(subscription.id, '?status=dead')).length).toBe(0));
      expect((await (await operator(system.baseUrl, 'readonly')).post(`/api/webhooks/${subscription.id}/resend`)).status).toBe(
        403,
      );
      await admin.request('DELETE', `/api/webhooks/${subscription.id}`);
    });
  });
});
