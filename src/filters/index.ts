export { applyInlineAllow, SAME_LINE_MARKERS, NEXT_LINE_MARKERS } from './inline-allow.js';
export { compileAllowlist, type Allowlist, type AllowlistConfig } from './allowlist.js';
export { readBaseline, type BaselineEntry, type BaselineFile } from './baseline.js';
export { fingerprintOf, secretSha256 } from './fingerprint.js';
