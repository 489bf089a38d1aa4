// Every gate reads time through one clock, so tests and demos can move it (PROCESS.md, Calendar).
export type Clock = { now(): Date };

export class SystemClock implements Clock {
  private offsetMs: number;
  constructor(fixedNow?: string) {
    this.offsetMs = fixedNow ? new Date(fixedNow).getTime() - Date.now() : 0;
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  // Moves the clock so that "now" becomes `at`; time keeps flowing from there.
  travelTo(at: Date | string): void {
    this.offsetMs = new Date(at).getTime() - Date.now();
  }
}
