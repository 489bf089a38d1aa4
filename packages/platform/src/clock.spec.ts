import { SystemClock } from './clock.js';

describe('SystemClock', () => {
  it('should start at SONS_NOW when a fixed date is configured', () => {
    const clock = new SystemClock('2026-07-02T00:00:00Z');
    expect(Math.abs(clock.now().getTime() - Date.parse('2026-07-02T00:00:00Z'))).toBeLessThan(1000);
  });

  it('should move time when a test travels to another date', () => {
    const clock = new SystemClock();
    clock.travelTo('2025-04-30T12:00:00Z');
    expect(clock.now().toISOString().slice(0, 10)).toBe('2025-04-30');
  });
});
