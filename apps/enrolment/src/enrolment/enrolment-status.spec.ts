import { ENROLMENT_STATUSES, EVENT_CATALOGUE } from '@sons/contracts';
import {
  ENROLMENT_ACTION_RULES,
  ENROLMENT_CONTACT_POINT,
  ENROLMENT_EVENT_FOR_STATUS,
  ENROLMENT_TRANSITIONS,
  assertTransition,
} from './enrolment-status.js';

describe('enrolment status machine', () => {
  it('should reach test access granted from submitted along the Phase 1 path', () => {
    const path = [
      'submitted',
      'under_review',
      'information_requested',
      'under_review',
      'validated_incert',
      'nda_countersigned',
      'documentation_shared',
      'test_access_requested',
      'test_access_granted',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(() => assertTransition(path[i - 1], path[i])).not.toThrow();
  });

  it('should refuse with INVALID_TRANSITION (409) when a step is skipped', () => {
    expect(() => assertTransition('submitted', 'validated_incert')).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION', status: 409 }),
    );
    expect(() => assertTransition('nda_countersigned', 'rejected')).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION' }),
    );
    expect(() => assertTransition('rejected', 'under_review')).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
  });

  it('should allow rejection only at the review steps', () => {
    const rejectable = ENROLMENT_STATUSES.filter((s) => ENROLMENT_TRANSITIONS[s].includes('rejected'));
    expect(rejectable).toEqual(['submitted', 'under_review', 'information_requested', 'validated_incert']);
    expect(ENROLMENT_ACTION_RULES.reject.from).toEqual(rejectable);
  });

  it('should have one catalogue event for every target status', () => {
    const targets = new Set(Object.values(ENROLMENT_TRANSITIONS).flat());
    for (const status of targets) expect(EVENT_CATALOGUE).toContain(ENROLMENT_EVENT_FOR_STATUS[status]);
    expect(new Set(Object.values(ENROLMENT_EVENT_FOR_STATUS).map((e) => e.subject)).size).toBe(ENROLMENT_STATUSES.length);
  });

  it('should move every action with a target status along an allowed transition', () => {
    for (const rule of Object.values(ENROLMENT_ACTION_RULES)) {
      if (!rule.to) continue;
      for (const from of rule.from) expect(ENROLMENT_TRANSITIONS[from]).toContain(rule.to);
    }
  });

  it('should name AeS during enrolment and INCERT once the tests start', () => {
    expect(ENROLMENT_CONTACT_POINT.submitted).toBe('aes');
    expect(ENROLMENT_CONTACT_POINT.nda_countersigned).toBe('aes');
    expect(ENROLMENT_CONTACT_POINT.test_access_requested).toBe('incert');
    expect(ENROLMENT_CONTACT_POINT.test_access_granted).toBe('incert');
  });
});
