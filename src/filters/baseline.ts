import { readFileSync } from 'node:fs';
import { UnleakError } from '../errors.js';
import { isLegacyFingerprint, legacyFingerprint } from './fingerprint.js';
import type { Fingerprinter } from './fingerprinter.js';

/** One accepted finding of a baseline file: only its fingerprint matters, the rest helps a reader. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId?: string;
  path?: string;
  redacted?: string;
}

/** The baseline file `unleak baseline create` writes. JSON reports are accepted as baselines too. */
export interface BaselineFile {
  version: 1;
  kind: 'unleak-baseline';
  createdAt: string;
  /** The public name of the fingerprint key the entries were made with (absent in baselines before keyed fingerprints). */
  fingerprintKey?: string;
  findings: BaselineEntry[];
}

/** A baseline as read: its entries, in keyed and legacy (unkeyed) form, and the key it was made with. */
export interface Baseline {
  path: string;
  entries: BaselineEntry[];
  keyed: Set<string>;
  legacy: Set<string>;
  fingerprintKey: string | undefined;
}

/** Reads a baseline (or a JSON report) and sorts its fingerprints into keyed and legacy ones. */
export function readBaseline(path: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new UnleakError('UNLEAK_BASELINE_INVALID', `cannot read baseline ${path}: ${reason}`, {
      hint: 'Create one with `unleak baseline create --output FILE`.',
    });
  }
  const findings = (data as { findings?: unknown }).findings;
  if (!Array.isArray(findings) || !findings.every((f) => typeof (f as BaselineEntry)?.fingerprint === 'string')) {
    throw new UnleakError('UNLEAK_BASELINE_INVALID', `baseline ${path} has no findings[].fingerprint list`, {
      hint: 'A baseline is written by `unleak baseline create` or `unleak scan --format json`.',
    });
  }
  const entries = findings as BaselineEntry[];
  const keyed = new Set<string>();
  const legacy = new Set<string>();
  for (const { fingerprint } of entries) (isLegacyFingerprint(fingerprint) ? legacy : keyed).add(fingerprint);
  const fingerprintKey = (data as { fingerprintKey?: unknown }).fingerprintKey;
  return { path, entries, keyed, legacy, fingerprintKey: typeof fingerprintKey === 'string' ? fingerprintKey : undefined };
}

/** What applying a baseline gave: the findings it does not accept, how many it did, and notes for the user. */
export interface BaselineOutcome<T> {
  kept: T[];
  suppressed: number;
  notes: string[];
}

/**
 * Drops the findings a baseline accepts: by keyed fingerprint, or, for entries written before
 * fingerprints were keyed, by the legacy form recomputed here. A baseline made with another
 * fingerprint key is named in a note (its keyed entries cannot match).
 */
export function applyBaseline<T extends { ruleId: string; path: string; secret: string }>(
  findings: T[],
  baseline: Baseline,
  fingerprints: Fingerprinter,
): BaselineOutcome<T> {
  const notes: string[] = [];
  if (findings.length === 0) return { kept: findings, suppressed: 0, notes };
  const kept = findings.filter(
    (finding) =>
      !baseline.keyed.has(fingerprints.of(finding)) &&
      !(baseline.legacy.size > 0 && baseline.legacy.has(legacyFingerprint(finding.ruleId, finding.path, finding.secret))),
  );
  if (baseline.keyed.size > 0 && baseline.fingerprintKey !== undefined && baseline.fingerprintKey !== fingerprints.keyId()) {
    notes.push(
      `baseline ${baseline.path} was made with another fingerprint salt than this scan's (${fingerprints.source === 'one-off' ? 'none found' : '.unleak/fingerprint-salt'}), so its entries cannot match: commit .unleak/fingerprint-salt with the baseline, or run \`unleak baseline create\` again`,
    );
  }
  if (baseline.legacy.size > 0)
    notes.push(
      `baseline ${baseline.path} has ${baseline.legacy.size} entr${baseline.legacy.size === 1 ? 'y' : 'ies'} in the old unkeyed form: \`unleak baseline migrate\` rewrites them`,
    );
  return { kept, suppressed: findings.length - kept.length, notes };
}
