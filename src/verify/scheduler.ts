/**
 * Pacing for one verification run: at most `concurrency` checks at once, requests to one host
 * spaced by `hostIntervalMs` (and held back for a provider's Retry-After), and a deadline for
 * the whole run after which nothing more is sent.
 */

/** Limits of a run. */
export interface SchedulerLimits {
  concurrency: number;
  hostIntervalMs: number;
  /** Milliseconds the whole run may take. */
  totalTimeoutMs: number;
  now?: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The pacing state of one run. */
export class Scheduler {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly nextAt = new Map<string, number>();
  private readonly now: () => number;
  private readonly deadline: number;

  constructor(private readonly limits: SchedulerLimits) {
    this.now = limits.now ?? Date.now;
    this.deadline = this.now() + limits.totalTimeoutMs;
  }

  /** Milliseconds left before the run's deadline (0 when it has passed). */
  remainingMs(): number {
    return Math.max(0, this.deadline - this.now());
  }

  /** Keeps every request to `host` back for `ms` (a 429's Retry-After). */
  holdHost(host: string, ms: number): void {
    this.nextAt.set(host, Math.max(this.nextAt.get(host) ?? 0, this.now() + ms));
  }

  /** Runs `work` in a free slot, after `host`'s spacing; undefined when the deadline passes first. */
  async run<T>(host: string, work: () => Promise<T>): Promise<T | undefined> {
    await this.acquire();
    try {
      for (;;) {
        const wait = (this.nextAt.get(host) ?? 0) - this.now();
        if (wait <= 0) break;
        if (wait >= this.remainingMs()) return undefined;
        await sleep(wait);
      }
      if (this.remainingMs() === 0) return undefined;
      this.nextAt.set(host, this.now() + this.limits.hostIntervalMs);
      return await work();
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    if (this.running < this.limits.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
