import { UnleakError } from '../errors.js';
// Files, not the doors: the config door loads the config schema (zod) and the YAML parser, which
// a scan of a root without a config file does not need.
import { compileRules } from '../engine/compile.js';
import type { CompiledRuleSet, Confidence, RuleSpec, RuleToCompile } from '../engine/index.js';
import type { ResolvedConfig, UnleakConfig } from '../config/index.js';
import {
  compiledRulesFile,
  compiledScanRules,
  configFileIn,
  defaultConfig,
  parseSize,
  prebuiltAutomaton,
} from '../config/config-defaults.js';
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

type LoadConfig = (root: string, explicit?: string) => ResolvedConfig;

let loadConfig: LoadConfig | undefined;

/**
 * True when the setup of a scan rooted at `root` reads a config file (`--config`, or
 * `.unleak.yaml` / `.unleak.yml` in the root) or the rule files (no fresh
 * `dist/builtin-rules.json`): then the config loader must be loaded first (loadConfigLoader).
 */
export function needsConfigLoader(root: string, options: Pick<SetupOptions, 'config'>): boolean {
  return Boolean(options.config) || configFileIn(root) !== undefined || compiledRulesFile() === undefined;
}

/** Loads the config loader (the config schema, the YAML parser, the rule schema) for prepareScan. */
export async function loadConfigLoader(): Promise<void> {
  loadConfig ??= (await import('../config/index.js')).loadConfig;
}

/** What loadConfig gives for a root without a config file, from the compiled built-in rules; undefined when it must read files. */
function configWithoutFile(root: string, options: SetupOptions): ResolvedConfig | undefined {
  if (options.config || configFileIn(root) !== undefined) return undefined;
  const builtin = compiledScanRules();
  if (!builtin) return undefined;
  return { file: undefined, config: defaultConfig(), rules: builtin.map((spec) => ({ spec, engine: 'js' as const })) };
}

/**
 * Loads config and rules for a scan rooted at `root`; throws a ConfigError listing every problem.
 * Where needsConfigLoader() says so, loadConfigLoader() must have run (prepareScanAsync does both).
 */
export function prepareScan(root: string, options: SetupOptions): ScanSetup {
  const resolved = configWithoutFile(root, options) ?? configLoader()(root, options.config);
  const ruleSet = compileRules(resolved.rules);
  ruleSet.prefilter.usePrebuilt(prebuiltAutomaton());
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

/** prepareScan, loading the config loader first when the root needs it. */
export async function prepareScanAsync(root: string, options: SetupOptions): Promise<ScanSetup> {
  if (needsConfigLoader(root, options)) await loadConfigLoader();
  return prepareScan(root, options);
}

function configLoader(): LoadConfig {
  if (!loadConfig) throw new UnleakError('UNLEAK_INTERNAL', 'the config loader was not loaded before the scan setup (prepareScanAsync)');
  return loadConfig;
}
