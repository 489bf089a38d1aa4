import { CHANGE_REQUEST_STATUSES, EVENT_CATALOGUE } from '@sons/contracts';
import {
  CHANGE_REQUEST_EVENT_FOR_STATUS,
  CHANGE_REQUEST_TRANSITIONS,
  assertChangeRequestTransition,
} from './change-request-status.js';

describe('change request status machine', () => {
  it('should let a pending request be approved or refused once', () => {
    expect(() => assertChangeRequestTransition('pending', 'approved')).not.toThrow();
    expect(() => assertChangeRequestTransition('pending', 'refused')).not.toThrow();
    expect(() => assertChangeRequestTransition('approved', 'refused')).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION', status: 409 }),
    );
    expect(() => assertChangeRequestTransition('refused', 'approved')).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION' }),
    );
  });

  it('should have one catalogue event for every status', () => {
    for (const status of CHANGE_REQUEST_STATUSES) expect(EVENT_CATALOGUE).toContain(CHANGE_REQUEST_EVENT_FOR_STATUS[status]);
    expect(Object.keys(CHANGE_REQUEST_TRANSITIONS).sort()).toEqual([...CHANGE_REQUEST_STATUSES].sort());
  });
});
