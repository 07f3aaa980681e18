import type { Finding } from '../engine/index.js';
import type { ScanResult, ScanStats } from '../report/index.js';
import { stampFindings } from './fingerprint-findings.js';
import { keepConfident } from './min-confidence.js';
import type { ScanSetup } from './prepare.js';

/** Drops baselined findings and those below the setup's minimum confidence, stamps fingerprints and fills the last statistics; findings keep the order given. */
export function gitScanResult(setup: ScanSetup, findings: Finding[], stats: ScanStats, notes: string[], started: number): ScanResult {
  const stamped = stampFindings(setup, findings);
  stats.suppressedByBaseline = stamped.suppressedByBaseline;
  stats.findings = stamped.findings.length;
  stats.durationMs = Math.round(performance.now() - started);
  const result = {
    findings: stamped.findings,
    stats,
    rules: setup.rules,
    root: setup.root,
    notes: [...notes, ...stamped.notes],
    fingerprintSalt: stamped.fingerprintSalt,
  };
  return keepConfident(result, setup.minConfidence);
}

/** Orders findings by path, then position, then rule: the order of a staged report. */
export function byPathAndPosition(a: Finding, b: Finding): number {
  return compareText(a.path, b.path) || a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId);
}

/** Plain code-unit comparison: the same order on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lists at most `max` notes, then how many more there were. */
export function cappedNotes(notes: string[], max = 20): string[] {
  return notes.length <= max ? notes : [...notes.slice(0, max), `… and ${notes.length - max} more`];
}
