import { ApiClient, expectEventually, readStream, startSystem, type RunningSystem } from '@sons/testing';
import { legalForm1 } from './fixtures.js';

describe('transactional outbox across a crash', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ name: 'outbox', services: ['enrolment', 'notifications'] });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('should publish the event exactly once after restart when the process dies after commit and before publish', async () => {
    // Restart enrolment with its relay off, so the committed event cannot leave before the crash.
    await system.restart('enrolment', { SONS_OUTBOX_RELAY: 'off' });
    const vendor = await new ApiClient(system.baseUrl).register('crash@example.lu');
    const response = await vendor.post<{ enrolmentId: string }>('/api/enrolments', { data: legalForm1() });
    expect(response.status).toBe(201);
    const { enrolmentId } = response.body;
    expect((await readStream(system.nc, system.stream)).filter((e) => e.subject === enrolmentId)).toHaveLength(0);

    await system.kill('enrolment', 'SIGKILL');
    await system.start('enrolment');

    const events = await expectEventually(
      async () => {
        const found = (await readStream(system.nc, system.stream)).filter((e) => e.subject === enrolmentId);
        expect(found).toHaveLength(1);
        return found;
      },
      { timeoutMs: 30_000 },
    );
    expect(events[0]?.type).toBe('lu.esante.sons.enrolment.application.submitted.v1');
  });
});
