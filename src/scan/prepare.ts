import { compileRules, type CompiledRuleSet, type RuleSpec, type RuleToCompile } from '../engine/index.js';
import { loadConfig, parseSize, type UnleakConfig } from '../config/index.js';
import { compileAllowlist, readBaseline, type Allowlist } from '../filters/index.js';

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
  baseline: Set<string> | undefined;
  maxFileSize: number;
}

/** Loads config and rules for a scan rooted at `root`; throws a ConfigError listing every problem. */
export function prepareScan(root: string, options: { config?: string; baseline?: string; maxFileSize?: string }): ScanSetup {
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
    maxFileSize: parseSize(options.maxFileSize ?? resolved.config.maxFileSize) ?? 10 * 1024 * 1024,
  };
}
