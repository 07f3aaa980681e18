/**
 * src/engine: detection, pure. `compileRules(rules)` builds a rule set (patterns, keyword
 * prefilter, validators); `scanChunk(chunk, ruleSet)` runs the prefilter, the patterns, entropy,
 * allow and placeholder checks, offline validators (`validatorRegistry`) and decoders over one
 * `Chunk { text, origin }` and returns `Finding[]` with positions and confidence. Also the types
 * every room shares (Chunk, Finding, RuleSpec); the rule schema is `./rule-schema.js` (zod: only config loading needs it).
 *
 * Imports no other room (only types from src/errors.ts) and does no I/O: no fs, child_process,
 * network, worker_threads or `process` (eslint.config.js); the clock only for `--timings`.
 * This file is the room's door; see docs/architecture.md.
 */

export type {
  Chunk,
  ChunkOrigin,
  Finding,
  RuleSpec,
  Severity,
  Validation,
  NegativeExample,
  DecoderName,
  FindingVerification,
  VerificationStatus,
} from './types.js';
export { compileRules, type CompiledRule, type CompiledRuleSet, type RuleToCompile, type RegexEngine } from './compile.js';
export { FOCUS_CONTEXT, ruleAppliesToPath, scanChunk, type ScanOptions } from './scan.js';
export { shannonEntropy } from './entropy.js';
export { isPlaceholder } from './placeholder.js';
export { LineIndex } from './positions.js';
export { KeywordPrefilter, escapeRegExp } from './prefilter.js';
export type { AutomatonTables } from './aho-corasick.js';
export { validatorRegistry, findValidator, type Validator, type ValidatorName } from './validators/index.js';
export { crc32, toBase62 } from './validators/crc32.js';
export { checkRe2Pattern, userRegexTester } from './matchers.js';
export type { Confidence } from './types.js';
export { CONFIDENCE_ORDER, meetsConfidence, findingConfidence } from './confidence.js';
export { vendorProximityMatcher, isOpaqueValue, VendorNames } from './proximity.js';
export { Timings, recordThreadTimings, threadTimings, type TimingsSnapshot } from './timings.js';
