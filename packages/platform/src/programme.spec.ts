import { DomainError } from '@sons/contracts';
import { SystemClock } from './clock.js';
import { Programme } from './programme.js';

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
