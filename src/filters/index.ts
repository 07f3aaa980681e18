export { applyInlineAllow, SAME_LINE_MARKERS, NEXT_LINE_MARKERS } from './inline-allow.js';
export { compileAllowlist, type Allowlist, type AllowlistConfig } from './allowlist.js';
export { applyBaseline, readBaseline, type Baseline, type BaselineEntry, type BaselineFile, type BaselineOutcome } from './baseline.js';
export { fingerprintKeyId, fingerprintOf, isLegacyFingerprint, keyedFingerprint, legacyFingerprint, secretSha256, KEYED_TAG } from './fingerprint.js';
export { oneOffKey, repositorySalt, resolveFingerprintSalt, writeFingerprintSalt, SALT_FILE, type FingerprintSalt, type SaltSource } from './fingerprint-salt.js';
export { fingerprinterFor, lazyFingerprinter, type Fingerprinter } from './fingerprinter.js';
