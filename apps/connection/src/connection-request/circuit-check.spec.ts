import { generateKeyPairSync } from 'node:crypto';
import { signJws } from '../cns/jws.js';
import { allPassed, evaluateCircuit, readTransaction, type CircuitContext } from './circuit-check.js';

const cns = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const trust = { publicKey: cns.publicKey, certificate: null };
const labelledAt = new Date('2026-06-01T10:00:00Z');
const submittedAt = new Date('2026-09-01T10:00:00Z');
const ctx = (over: Partial<CircuitContext> = {}): CircuitContext => ({
  reference: 'MH-1',
  providerCode: '12345678',
  labelledAt,
  submittedAt,
  windowDays: 90,
  skewMs: 10 * 60_000,
  claimedElsewhere: false,
  incentiveElsewhere: false,
  ...over,
});
const signed = (over: Record<string, unknown> = {}) => ({
  found: true as const,
  jws: signJws(
    {
      reference: 'MH-1',
      kind: 'remboursement',
      providerCode: '12345678',
      timestamp: '2026-08-20T08:00:00.000Z',
      issuer: 'CNS',
      ...over,
    },
    cns.privateKey,
    cns.publicKey,
  ),
});
const outcome = (checks: ReturnType<typeof evaluateCircuit>, rule: string) => checks.find((c) => c.rule === rule)?.outcome;

describe('circuit check of one connected provider', () => {
  it('should pass every rule when the transaction is registered, signed, recent, after the label and unused', () => {
    const checks = evaluateCircuit(readTransaction('MH-1', signed(), trust), ctx());
    expect(checks.map((c) => c.outcome)).toEqual(Array(7).fill('pass'));
    expect(allPassed(checks)).toBe(true);
  });

  it('should fail "transaction_registered" and evaluate nothing else when the CNS does not know the reference', () => {
    const checks = evaluateCircuit(readTransaction('MH-1', { found: false }, trust), ctx());
    expect(outcome(checks, 'transaction_registered')).toBe('fail');
    expect(checks.filter((c) => c.outcome === 'not_evaluated')).toHaveLength(6);
    expect(checks[0].reason.fr).toContain('n’est pas enregistrée');
  });

  it('should fail "signature_valid" when the claims were altered or another key signed', () => {
    const [h, , s] = signed().jws.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ reference: 'MH-1', kind: 'pid', providerCode: '12345678', timestamp: '2026-08-20T08:00:00.000Z', issuer: 'CNS' })).toString('base64url')}.${s}`;
    expect(
      outcome(evaluateCircuit(readTransaction('MH-1', { found: true, jws: tampered }, trust), ctx()), 'signature_valid'),
    ).toBe('fail');
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const foreign = signJws(
      { reference: 'MH-1', kind: 'pid', providerCode: '12345678', timestamp: '2026-08-20T08:00:00.000Z', issuer: 'CNS' },
      other.privateKey,
      cns.publicKey,
    );
    const checks = evaluateCircuit(readTransaction('MH-1', { found: true, jws: foreign }, trust), ctx());
    expect(outcome(checks, 'signature_valid')).toBe('fail');
    expect(outcome(checks, 'timestamp_after_label')).toBe('not_evaluated');
  });

  it('should fail "signature_valid" when the signed transaction carries another reference than the one asked', () => {
    expect(
      outcome(evaluateCircuit(readTransaction('MH-2', signed(), trust), ctx({ reference: 'MH-2' })), 'signature_valid'),
    ).toBe('fail');
  });

  it('should fail "transaction_provider" when another doctor sent the transaction', () => {
    expect(
      outcome(
        evaluateCircuit(readTransaction('MH-1', signed({ providerCode: '99999999' }), trust), ctx()),
        'transaction_provider',
      ),
    ).toBe('fail');
  });

  it('should fail "timestamp_after_label" when the transaction predates the label', () => {
    const checks = evaluateCircuit(readTransaction('MH-1', signed({ timestamp: '2026-05-31T10:00:00.000Z' }), trust), ctx());
    expect(outcome(checks, 'timestamp_after_label')).toBe('fail');
    expect(checks.find((c) => c.rule === 'timestamp_after_label')!.reason.en).toContain('before the software was labelled');
  });

  it('should fail "timestamp_within_window" when the transaction is older than the window or after the request', () => {
    const stale = evaluateCircuit(readTransaction('MH-1', signed({ timestamp: '2026-06-02T10:00:00.000Z' }), trust), ctx());
    expect(outcome(stale, 'timestamp_within_window')).toBe('fail');
    expect(outcome(stale, 'timestamp_after_label')).toBe('pass');
    const future = evaluateCircuit(readTransaction('MH-1', signed({ timestamp: '2026-09-01T11:00:00.000Z' }), trust), ctx());
    expect(outcome(future, 'timestamp_within_window')).toBe('fail');
  });

  it('should fail "transaction_unused" naming the rule and not the other case, and "incentive_not_granted" for a provider already connected', () => {
    const checks = evaluateCircuit(
      readTransaction('MH-1', signed(), trust),
      ctx({ claimedElsewhere: true, incentiveElsewhere: true }),
    );
    expect(outcome(checks, 'transaction_unused')).toBe('fail');
    expect(checks.find((c) => c.rule === 'transaction_unused')!.reason.en).toContain('across all vendors');
    expect(outcome(checks, 'incentive_not_granted')).toBe('fail');
    expect(allPassed(checks)).toBe(false);
  });
});
