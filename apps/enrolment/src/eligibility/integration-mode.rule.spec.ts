import { checkIntegrationMode } from './integration-mode.rule.js';

const end = new Date('2026-07-01T00:00:00+02:00');
const before = new Date('2026-06-30T21:59:00Z');
const after = new Date('2026-06-30T22:00:00Z');

describe('eligibility 6 — eConnector NG or « Vague 1 » direct access', () => {
  it('should pass the eConnector NG integration for anyone at any date', () => {
    expect(checkIntegrationMode({ integrationMode: 'econnector_ng', vague1Participant: false }, end, after).outcome).toBe('pass');
  });

  it('should pass direct access for a « Vague 1 » vendor before the end date', () => {
    expect(checkIntegrationMode({ integrationMode: 'direct_access', vague1Participant: true }, end, before).outcome).toBe('pass');
  });

  it('should fail direct access for a « Vague 1 » vendor from the end date on (Luxembourg time)', () => {
    const verdict = checkIntegrationMode(
      { integrationMode: 'direct_access', vague1Participant: true },
      end,
      after,
      () => '2026-07-01',
    );
    expect(verdict).toMatchObject({ rule: 'integrationMode', criterion: 6, outcome: 'fail' });
    expect(verdict.reason.fr).toContain('2026-07-01');
  });

  it('should fail direct access for a vendor that did not take part in « Vague 1 »', () => {
    const verdict = checkIntegrationMode({ integrationMode: 'direct_access', vague1Participant: false }, end, before);
    expect(verdict.outcome).toBe('fail');
    expect(verdict.reason.en).toContain('reserved for « Vague 1 » participants');
  });
});
