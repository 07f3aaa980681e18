/** Where a scan's time went, in milliseconds: per phase, and per rule (matching and judging its matches). */
export interface TimingsSnapshot {
  phases: Record<string, number>;
  rules: Record<string, number>;
}

/**
 * A sink for `unleak scan --timings`: phases (prefilter, rules, validators, decoders, filters,
 * positions, read, …) and per-rule times add up across chunks, threads and workers. The engine
 * only touches it when one is given, so a scan without `--timings` pays nothing.
 */
export class Timings {
  readonly phases = new Map<string, number>();
  readonly rules = new Map<string, number>();

  /** Adds `ms` to a phase. */
  addPhase(phase: string, ms: number): void {
    this.phases.set(phase, (this.phases.get(phase) ?? 0) + ms);
  }

  /** Adds `ms` to a rule. */
  addRule(ruleId: string, ms: number): void {
    this.rules.set(ruleId, (this.rules.get(ruleId) ?? 0) + ms);
  }

  /** Adds another sink's (or a worker's snapshot's) times to these. */
  merge(other: TimingsSnapshot | Timings): void {
    const from = other instanceof Timings ? other.snapshot() : other;
    for (const [phase, ms] of Object.entries(from.phases)) this.addPhase(phase, ms);
    for (const [rule, ms] of Object.entries(from.rules)) this.addRule(rule, ms);
  }

  /** A plain copy (it crosses worker threads and goes into the JSON report), times rounded to 0.01 ms. */
  snapshot(): TimingsSnapshot {
    const plain = (map: Map<string, number>) =>
      Object.fromEntries([...map].sort((a, b) => b[1] - a[1]).map(([key, ms]) => [key, Math.round(ms * 100) / 100]));
    return { phases: plain(this.phases), rules: plain(this.rules) };
  }

  /** Empties the sink. */
  clear(): void {
    this.phases.clear();
    this.rules.clear();
  }
}

let processTimings: Timings | undefined;

/**
 * The sink of this thread's scans that are not given one in their options (`--timings` turns it
 * on once, for every scan path: tree, staged, range, history workers). Undefined when off.
 */
export function threadTimings(): Timings | undefined {
  return processTimings;
}

/** Turns this thread's timings on (a fresh sink, returned) or off (`false`). */
export function recordThreadTimings(on: boolean): Timings | undefined {
  processTimings = on ? new Timings() : undefined;
  return processTimings;
}

/** The clock timings use. */
export const timingsNow = (): number => performance.now();
