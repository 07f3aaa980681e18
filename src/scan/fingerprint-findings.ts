import type { Finding } from '../engine/index.js';
import { applyBaseline, type SaltSource } from '../filters/index.js';
import type { ScanSetup } from './prepare.js';

/** What stamping a scan's findings gave: those the baseline does not accept, with their fingerprints. */
export interface StampedFindings {
  findings: Finding[];
  suppressedByBaseline: number;
  notes: string[];
  fingerprintSalt: SaltSource | undefined;
}

/**
 * The last step of every scan: drops what the baseline accepts and gives each remaining finding
 * its keyed fingerprint. The key is looked up only when there is a finding; a note says when a
 * salt was written, or when no stable key was found (fingerprints for this run only).
 */
export function stampFindings(setup: ScanSetup, findings: Finding[]): StampedFindings {
  const notes: string[] = [];
  let kept = findings;
  let suppressed = 0;
  if (setup.baseline) {
    const outcome = applyBaseline(findings, setup.baseline, setup.fingerprints);
    kept = outcome.kept;
    suppressed = outcome.suppressed;
    notes.push(...outcome.notes);
  }
  for (const finding of kept) finding.fingerprint = setup.fingerprints.of(finding);
  const source = setup.fingerprints.source;
  if (source === 'created')
    notes.push("wrote .unleak/fingerprint-salt, the key of this repository's fingerprints: commit it with the baseline");
  if (source === 'one-off')
    notes.push(
      'the fingerprints of this report hold for this run only: no .unleak/fingerprint-salt, and not a git repository with its full history (`unleak baseline create` writes a salt; commit it)',
    );
  return { findings: kept, suppressedByBaseline: suppressed, notes, fingerprintSalt: source };
}
