import { ApiClient, expectEventually, operator, startSystem, withoutKeys, type RunningSystem } from '@sons/testing';

describe('programme data: calendar and tariff changed without a deploy', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ name: 'programme', services: ['enrolment'] });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('should publish the seeded calendar with the known dates to anyone', async () => {
    const response = await new ApiClient(system.baseUrl).get<{
      calendar: Record<string, string | null>;
      tariffPerConnectionCents: number;
    }>('/api/programme');
    expect(response.status).toBe(200);
    expect(response.body.calendar.form2Opens).toBe('2025-05-01T00:00:00+02:00');
    expect(response.body.calendar.complementDeadline).toBe('2026-07-01T00:00:00+02:00');
    expect(response.body.tariffPerConnectionCents).toBe(64000);
  });

  it('should let AeS date a milestone, keep the history, and refuse a vendor or a bad value', async () => {
    const aes = await operator(system.baseUrl, 'aes');
    const current = (await aes.get<Record<string, unknown>>('/api/programme')).body;
    const settings = withoutKeys(
      current as Record<string, unknown> & { calendar: Record<string, string | null> },
      'now',
      'milestoneLabels',
      'revision',
    );
    const next = { ...settings, calendar: { ...settings.calendar, labellingRequestsEnd: '2027-03-31T23:59:59+02:00' } };
    const saved = await aes.put<{ calendar: Record<string, string> }>('/api/programme', next);
    expect(saved.status).toBe(200);
    expect(saved.body.calendar.labellingRequestsEnd).toBe('2027-03-31T23:59:59+02:00');
    await expectEventually(async () => {
      const history = await aes.get<{ revision: number }[]>('/api/programme/history');
      expect(history.body.length).toBeGreaterThanOrEqual(2);
    });

    const bad = await aes.put<{ errors: { path: string }[] }>('/api/programme', { ...next, tariffPerConnectionCents: -5 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.path)).toContain('tariffPerConnectionCents');

    const vendor = await new ApiClient(system.baseUrl).register('calendar@example.lu');
    expect((await vendor.put('/api/programme', next)).status).toBe(403);
  });
});
