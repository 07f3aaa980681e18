import type { Finding } from '../engine/index.js';
import { keyedFingerprint } from '../filters/fingerprint.js';
import { oneOffKey } from '../filters/fingerprint-salt.js';

/**
 * The fingerprint of a finding that did not come through a scan (no repository salt known):
 * keyed with the random key of this process, so it is stable within one run and guesses cannot
 * be tested against it.
 */
export function oneOffFingerprint(finding: Pick<Finding, 'ruleId' | 'path' | 'secret'>): string {
  return keyedFingerprint(oneOffKey(), finding.ruleId, finding.path, finding.secret);
}
