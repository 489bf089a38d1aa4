import { DomainError } from '@sons/contracts';
import { SystemClock } from './clock.js';
import { Programme, luxDate, luxDayStart } from './programme.js';

describe('Programme calendar gates', () => {
  const action = { fr: 'L’envoi du formulaire 2', en: 'Sending Form 2' };

  it('should refuse Form 2 with the opening date when the clock is before 2025-05-01', () => {
    const programme = new Programme(new SystemClock('2025-04-30T10:00:00Z'));
    let caught: unknown;
    try {
      programme.requireReached('form2Opens', action);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).body.detail.fr).toContain('2025-05-01');
    expect((caught as DomainError).body.meta).toEqual({ milestone: 'form2Opens', opensAt: '2025-05-01' });
  });

  it('should allow Form 2 when the clock is after the opening date', () => {
    const programme = new Programme(new SystemClock('2025-05-02T10:00:00Z'));
    expect(() => programme.requireReached('form2Opens', action)).not.toThrow();
  });

  it('should close complement answers when the clock reaches the complement deadline', () => {
    const clock = new SystemClock('2026-06-30T12:00:00Z');
    const programme = new Programme(clock);
    expect(() => programme.requireBefore('complementDeadline', action)).not.toThrow();
    clock.travelTo('2026-07-01T12:00:00Z');
    expect(() => programme.requireBefore('complementDeadline', action)).toThrow(DomainError);
  });

  it('should treat an undated milestone as not reached', () => {
    const programme = new Programme(new SystemClock());
    expect(programme.reached('programmeClosure')).toBe(false);
  });
});

describe('Luxembourg days', () => {
  it('should start a winter day at 23:00 UTC the day before and a summer day at 22:00 UTC', () => {
    expect(luxDayStart('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(luxDayStart('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  it('should start the days the clocks change at the offset of that midnight', () => {
    expect(luxDayStart('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(luxDayStart('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(luxDate(luxDayStart('2026-10-25'))).toBe('2026-10-25');
    expect(luxDate(new Date(luxDayStart('2026-10-25').getTime() - 1))).toBe('2026-10-24');
  });

  it('should refuse what is not a date', () => {
    expect(() => luxDayStart('2026-13-45')).toThrow(RangeError);
  });
});
