import { CONNECTION_EVENT_FOR_STATUS, CONNECTION_STATUSES, DomainError } from '@sons/contracts';
import { CONNECTION_TRANSITIONS, assertConnectionTransition } from './connection-status.js';

describe('connection request status machine', () => {
  it('should have a row and an event for every status', () => {
    expect(Object.keys(CONNECTION_TRANSITIONS).sort()).toEqual([...CONNECTION_STATUSES].sort());
    for (const status of CONNECTION_STATUSES) expect(CONNECTION_EVENT_FOR_STATUS[status]).toBeDefined();
  });

  it('should allow submitted → under_verification → verified → invoiceable and refusals before verification', () => {
    expect(() => assertConnectionTransition('submitted', 'under_verification')).not.toThrow();
    expect(() => assertConnectionTransition('under_verification', 'verified')).not.toThrow();
    expect(() => assertConnectionTransition('verified', 'invoiceable')).not.toThrow();
    expect(() => assertConnectionTransition('under_verification', 'refused')).not.toThrow();
    expect(() => assertConnectionTransition('submitted', 'refused')).not.toThrow();
  });

  it('should throw INVALID_TRANSITION when skipping the verification or leaving a final status', () => {
    for (const [from, to] of [
      ['submitted', 'verified'],
      ['submitted', 'invoiceable'],
      ['verified', 'refused'],
      ['refused', 'under_verification'],
      ['invoiceable', 'verified'],
    ] as const) {
      try {
        assertConnectionTransition(from, to);
        throw new Error(`${from} → ${to} was allowed`);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('INVALID_TRANSITION');
      }
    }
  });
});
