/**
 * src/filters: what the user accepted. Inline markers (`applyInlineAllow`: `unleak:allow`,
 * `unleak:allow-next-line` and other tools' markers), the config allowlist (`compileAllowlist`),
 * the baseline (`readBaseline`, `applyBaseline`) and the keyed fingerprints it matches on
 * (`fingerprinterFor`; the salt in `.unleak/fingerprint-salt`, `resolveFingerprintSalt`).
 * Filters drop findings; they never change what the engine found.
 *
 * Imports src/engine only; never cli, sources, store, fix, rotate, action, report, scan or
 * verify (eslint.config.js). This file is the room's door.
 */

export { applyInlineAllow, SAME_LINE_MARKERS, NEXT_LINE_MARKERS } from './inline-allow.js';
export { compileAllowlist, type Allowlist, type AllowlistConfig } from './allowlist.js';
export { applyBaseline, readBaseline, type Baseline, type BaselineEntry, type BaselineFile, type BaselineOutcome } from './baseline.js';
export {
  fingerprintKeyId,
  fingerprintOf,
  isLegacyFingerprint,
  keyedFingerprint,
  legacyFingerprint,
  secretSha256,
  KEYED_TAG,
} from './fingerprint.js';
export {
  oneOffKey,
  repositorySalt,
  resolveFingerprintSalt,
  writeFingerprintSalt,
  SALT_FILE,
  type FingerprintSalt,
  type SaltSource,
} from './fingerprint-salt.js';
export { fingerprinterFor, lazyFingerprinter, type Fingerprinter } from './fingerprinter.js';
