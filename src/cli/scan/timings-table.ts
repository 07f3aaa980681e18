import type { TimingsSnapshot } from '../../engine/index.js';

/** `stats.timings` of a `--timings` JSON report: the scan's wall time, its phases and its rules (ms, slowest first). */
export interface ScanTimings extends TimingsSnapshot {
  wallMs: number;
}

/** How many rules the `--timings` table lists (ESLint's TIMING=1 lists 10 too). */
export const TIMINGS_TOP_RULES = 10;

const PHASE_ORDER = ['history walk', 'read', 'prefilter', 'rules', 'validators', 'decoders', 'filters', 'positions', 'report'];

function rows(title: string, entries: [string, number][], total: number): string[] {
  const width = Math.max(title.length, ...entries.map(([name]) => name.length));
  const out = [`${title.padEnd(width)} | Time (ms) | Relative`, `${'-'.repeat(width)}-|-----------|---------`];
  for (const [name, ms] of entries)
    out.push(
      `${name.padEnd(width)} | ${ms.toFixed(1).padStart(9)} | ${total > 0 ? `${((ms / total) * 100).toFixed(1)}%`.padStart(8) : '       -'}`,
    );
  return out;
}

/**
 * The `--timings` table for stderr: phases (summed over threads, so with worker threads they can
 * add up to more than the wall time), then the `top` slowest rules and their total.
 */
export function timingsTable(timings: ScanTimings, top = TIMINGS_TOP_RULES): string {
  const phases = Object.entries(timings.phases).sort((a, b) => rank(a[0]) - rank(b[0]));
  const phaseTotal = phases.reduce((sum, [, ms]) => sum + ms, 0);
  const rules = Object.entries(timings.rules).sort((a, b) => b[1] - a[1]);
  const ruleTotal = rules.reduce((sum, [, ms]) => sum + ms, 0);
  const lines = [
    `unleak --timings: wall ${timings.wallMs.toFixed(1)} ms; phases summed over threads ${phaseTotal.toFixed(1)} ms`,
    ...rows('Phase', phases, phaseTotal),
    '',
  ];
  lines.push(...rows('Rule', rules.slice(0, top), ruleTotal));
  lines.push(`all ${rules.length} rules that ran: ${ruleTotal.toFixed(1)} ms`);
  return `${lines.join('\n')}\n`;
}

function rank(phase: string): number {
  const at = PHASE_ORDER.indexOf(phase);
  return at === -1 ? PHASE_ORDER.length : at;
}
