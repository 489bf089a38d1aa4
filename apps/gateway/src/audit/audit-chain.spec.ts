import { AuditEntry } from './audit-entry.entity.js';
import { GENESIS_HASH, canonicalJson, entryHash } from './audit-chain.js';

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry =>
  Object.assign(new AuditEntry(), {
    chain: 'c1',
    seq: 1,
    at: new Date('2026-03-01T10:00:00.123Z'),
    action: 'command',
    method: 'POST',
    route: '/api/enrolments',
    path: '/api/enrolments',
    status: 201,
    outcome: 'success',
    roles: ['vendor_admin'],
    changes: { before: { iban: 'LU1', name: 'A' }, after: { name: 'B', iban: 'LU2' } },
    prevHash: GENESIS_HASH,
    ...overrides,
  });

describe('audit chain hashing', () => {
  it('should give the same canonical JSON whatever the key order, as PostgreSQL jsonb returns it', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[2,{"x":2,"y":1}]},"b":1}',
    );
  });

  it('should hash an entry deterministically and change the hash when any field or the link changes', () => {
    const hash = entryHash(GENESIS_HASH, entry());
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      entryHash(GENESIS_HASH, entry({ changes: { after: { iban: 'LU2', name: 'B' }, before: { name: 'A', iban: 'LU1' } } })),
    ).toBe(hash);
    expect(entryHash(GENESIS_HASH, entry({ status: 200 }))).not.toBe(hash);
    expect(entryHash(GENESIS_HASH, entry({ at: new Date('2026-03-01T10:00:00.124Z') }))).not.toBe(hash);
    expect(entryHash('f'.repeat(64), entry())).not.toBe(hash);
  });
});
