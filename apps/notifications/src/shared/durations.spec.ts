import { parseSchedule, Wakeable } from './durations.js';

describe('retry schedules', () => {
  it('should read delays with units', () => {
    expect(parseSchedule('500ms, 5s,1m,2h,1d')).toEqual([500, 5000, 60_000, 7_200_000, 86_400_000]);
    expect(parseSchedule('1.5s')).toEqual([1500]);
  });

  it('should say which part is wrong', () => {
    expect(() => parseSchedule('5s,soon')).toThrow('"soon" is not a delay');
    expect(() => parseSchedule(' ')).toThrow('comma-separated');
  });

  it('should add up to about a day with the default webhook schedule', () => {
    const total = parseSchedule('5s,1m,5m,30m,1h,2h,4h,8h,8h').reduce((a, b) => a + b, 0);
    expect(total / 3_600_000).toBeGreaterThan(23);
    expect(total / 3_600_000).toBeLessThan(25);
  });
});

describe('Wakeable', () => {
  it('should cut a sleep short on notify, and not lose a notify that came while awake', async () => {
    const w = new Wakeable();
    const started = Date.now();
    const sleeping = w.sleep(10_000);
    w.notify();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1000);
    w.notify();
    const again = Date.now();
    await w.sleep(10_000);
    expect(Date.now() - again).toBeLessThan(1000);
  });
});
