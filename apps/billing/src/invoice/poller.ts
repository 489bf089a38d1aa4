import type { Logger } from '@sons/platform';

// A background loop that runs `tick` every `pollMs`, sooner when woken; it never dies on an error (logged, retried).
export class Poller {
  private running = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly pollMs: number,
    private readonly tick: () => Promise<boolean>,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let more = false;
      try {
        // true: there may be more work right now.
        more = await this.tick();
      } catch (error) {
        this.log.error({ err: error, worker: this.name }, 'worker tick failed; will retry');
      }
      if (more) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }
}
