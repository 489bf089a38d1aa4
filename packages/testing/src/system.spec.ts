import { jetstreamManager } from '@nats-io/jetstream';
import { startSystem } from './system.js';

// The harness itself: a service that dies while the system starts fails the start at once with the end of its log,
// and a stopped system leaves no stream, bucket or object store on the shared NATS server.
describe('the test system harness', () => {
  it('should fail the start at once, with the reason, when a service exits during start-up', async () => {
    const started = Date.now();
    // documents refuses to start: a signing passphrase without its PKCS#12 file is a configuration error.
    const error = await startSystem({
      name: 'harness_crash',
      services: ['documents'],
      env: { DOCUMENTS_SIGNING_PASSPHRASE: 'secret' },
    }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/documents exited during start-up \(code 1\)/);
    expect(error?.message).toMatch(/DOCUMENTS_SIGNING_P12/);
    // Well before the 120 s the start would otherwise wait for the service to answer.
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('should remove its stream, buckets and object store from NATS when it stops', async () => {
    const system = await startSystem({ name: 'harness_cleanup', services: ['enrolment'] });
    const compact = system.subjectPrefix.replace(/[^A-Za-z0-9]/g, '');
    const ours = async (): Promise<string[]> => {
      const jsm = await jetstreamManager(system.nc);
      const names: string[] = [];
      for await (const name of jsm.streams.names()) if (name === system.stream || name.endsWith(`_${compact}`)) names.push(name);
      return names.sort();
    };
    const before = await ours();
    expect(before).toEqual(expect.arrayContaining([system.stream, `KV_sons_programme_${compact}`, `KV_sons_forms_${compact}`]));
    const { connect } = await import('@nats-io/transport-node');
    const nc = await connect({ servers: system.env.NATS_URL });
    await system.stop();
    try {
      const jsm = await jetstreamManager(nc);
      const left: string[] = [];
      for await (const name of jsm.streams.names()) if (before.includes(name)) left.push(name);
      expect(left).toEqual([]);
    } finally {
      await nc.close();
    }
  });
});
