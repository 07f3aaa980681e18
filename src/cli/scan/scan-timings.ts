import { recordThreadTimings } from '../../engine/index.js';
import { timingsTable, type ScanTimings } from './timings-table.js';

/** A running `--timings` measurement: stop it for `stats.timings`, then print its table. */
export interface ScanClock {
  /** Stops recording; the wall time so far, phases and rules. */
  stop(): ScanTimings;
  /** The stderr table, with the report's rendering time as its `report` phase. */
  table(timings: ScanTimings, reportMs: number): string;
}

/** Turns this thread's timings sink on (history workers are told through their init) and starts the wall clock. */
export function startScanTimings(): ScanClock {
  const sink = recordThreadTimings(true);
  const started = performance.now();
  return {
    stop() {
      recordThreadTimings(false);
      const snapshot = sink?.snapshot() ?? { phases: {}, rules: {} };
      return { wallMs: Math.round((performance.now() - started) * 100) / 100, ...snapshot };
    },
    table(timings, reportMs) {
      return timingsTable({ ...timings, phases: { ...timings.phases, report: Math.round(reportMs * 100) / 100 } });
    },
  };
}
