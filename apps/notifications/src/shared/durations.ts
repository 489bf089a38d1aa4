const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

// "5s,1m,2h" → [5000, 60000, 7200000]: retry schedules are configuration (tests use a fast one).
export function parseSchedule(value: string): number[] {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) throw new Error('a comma-separated list of delays such as "5s,1m,30m,2h"');
  return parts.map((part) => {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(part);
    if (!match) throw new Error(`"${part}" is not a delay; write e.g. 500ms, 5s, 1m, 2h or 1d`);
    return Math.round(Number(match[1]) * UNITS[match[2]]);
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// A sleep that new work cuts short; a notify() while awake makes the next sleep return at once.
export class Wakeable {
  private wake: (() => void) | null = null;
  private pending = false;

  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.wake = done;
    });
  }

  notify(): void {
    if (this.wake) this.wake();
    else this.pending = true;
  }
}
