import { compileRules, type CompiledRuleSet, type Confidence, type RuleSpec, type RuleToCompile } from '../engine/index.js';
import { loadConfig, parseSize, type UnleakConfig } from '../config/index.js';
import { compileAllowlist, fingerprinterFor, readBaseline, type Allowlist, type Baseline, type Fingerprinter } from '../filters/index.js';
import { DEFAULT_MIN_CONFIDENCE } from './min-confidence.js';

/** Everything a scan needs besides its source: compiled rules, allowlist, baseline, limits. */
export interface ScanSetup {
  root: string;
  config: UnleakConfig;
  configFile: string | undefined;
  rules: RuleSpec[];
  /** The rule specs with their regex engines, as compiled (worker threads compile the same list). */
  ruleInputs: RuleToCompile[];
  ruleSet: CompiledRuleSet;
  allowlist: Allowlist;
  baseline: Baseline | undefined;
  /** Keyed fingerprints (HMAC with the salt in `.unleak/`); the salt is read, or made, on first use. */
  fingerprints: Fingerprinter;
  maxFileSize: number;
  /** Findings below this confidence are left out: `--min-confidence`, else the config's `minConfidence`, else `low`. */
  minConfidence: Confidence;
}

/** Options of a scan's setup; `createSalt`: write `.unleak/fingerprint-salt` when the root has none (the baseline commands). */
export interface SetupOptions {
  config?: string;
  baseline?: string;
  maxFileSize?: string;
  /** `--min-confidence`; wins over the config's `minConfidence`. */
  minConfidence?: Confidence;
  createSalt?: boolean;
}

/** Loads config and rules for a scan rooted at `root`; throws a ConfigError listing every problem. */
export function prepareScan(root: string, options: SetupOptions): ScanSetup {
  const resolved = loadConfig(root, options.config);
  const ruleSet = compileRules(resolved.rules);
  return {
    root,
    config: resolved.config,
    configFile: resolved.file,
    rules: resolved.rules.map((rule) => rule.spec),
    ruleInputs: resolved.rules,
    ruleSet,
    allowlist: compileAllowlist(resolved.config.allowlist),
    baseline: options.baseline ? readBaseline(options.baseline) : undefined,
    fingerprints: fingerprinterFor(root, { create: options.createSalt }),
    maxFileSize: parseSize(options.maxFileSize ?? resolved.config.maxFileSize) ?? 10 * 1024 * 1024,
    minConfidence: options.minConfidence ?? resolved.config.minConfidence ?? DEFAULT_MIN_CONFIDENCE,
  };
}
