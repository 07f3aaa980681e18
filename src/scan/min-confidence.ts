import { meetsConfidence } from '../engine/confidence.js';
import type { Confidence } from '../engine/types.js';
import type { ScanResult } from '../report/index.js';

/** The confidences `--min-confidence` accepts, lowest first. */
export const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const;

/**
 * The default of `--min-confidence`, chosen on `npm run bench:accuracy` (README "Benchmarks"):
 * the proximity guesses of `low` add recall on vendor keys without a prefix, for the false
 * alarms they cost on the near-miss negatives.
 */
export const DEFAULT_MIN_CONFIDENCE: Confidence = 'low';

/**
 * The result with only the findings at `minimum` confidence or above (a finding without one
 * counts as `medium`), and a note of how many were left out and how to see them.
 */
export function keepConfident(result: ScanResult, minimum: Confidence = DEFAULT_MIN_CONFIDENCE): ScanResult {
  const findings = result.findings.filter((finding) => meetsConfidence(finding.confidence ?? 'medium', minimum));
  const hidden = result.findings.length - findings.length;
  if (hidden === 0) return result;
  const note = `${hidden} finding${hidden === 1 ? '' : 's'} below ${minimum} confidence not reported (--min-confidence low shows them)`;
  return { ...result, findings, stats: { ...result.stats, findings: findings.length }, notes: [...result.notes, note] };
}
