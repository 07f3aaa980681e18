import { readFileSync } from 'node:fs';
import { UnleakError } from '../errors.js';

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
  findings: BaselineEntry[];
}

/** Reads a baseline (or a JSON report) and returns the set of accepted fingerprints. */
export function readBaseline(path: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new UnleakError('UNLEAK_BASELINE_INVALID', `cannot read baseline ${path}: ${reason}`, { hint: 'Create one with `unleak baseline create --output FILE`.' });
  }
  const findings = (data as { findings?: unknown }).findings;
  if (!Array.isArray(findings) || !findings.every((f) => typeof (f as BaselineEntry)?.fingerprint === 'string')) {
    throw new UnleakError('UNLEAK_BASELINE_INVALID', `baseline ${path} has no findings[].fingerprint list`, { hint: 'A baseline is written by `unleak baseline create` or `unleak scan --format json`.' });
  }
  return new Set(findings.map((f) => (f as BaselineEntry).fingerprint));
}
