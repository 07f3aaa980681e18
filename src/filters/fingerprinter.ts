import { fingerprintKeyId, keyedFingerprint } from './fingerprint.js';
import { resolveFingerprintSalt, type FingerprintSalt, type SaltSource } from './fingerprint-salt.js';

/** Computes a scan's keyed fingerprints; the key is looked up (or made) on first use only. */
export interface Fingerprinter {
  /** The keyed fingerprint of a finding (rule id, path, secret). */
  of(finding: { ruleId: string; path: string; secret: string }): string;
  /** Where the key came from; undefined while no fingerprint was asked for. */
  readonly source: SaltSource | undefined;
  /** The public name of the key (see fingerprintKeyId). */
  keyId(): string;
}

/** A fingerprinter over a key found by `find` when first needed. */
export function lazyFingerprinter(find: () => FingerprintSalt): Fingerprinter {
  let salt: FingerprintSalt | undefined;
  const get = () => (salt ??= find());
  return {
    of: (finding) => keyedFingerprint(get().key, finding.ruleId, finding.path, finding.secret),
    get source() {
      return salt?.source;
    },
    keyId: () => fingerprintKeyId(get().key),
  };
}

/** The fingerprinter of a scan rooted at `root` (see resolveFingerprintSalt). */
export function fingerprinterFor(root: string, options: { create?: boolean; env?: NodeJS.ProcessEnv } = {}): Fingerprinter {
  return lazyFingerprinter(() => resolveFingerprintSalt(root, options));
}
