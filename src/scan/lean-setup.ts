import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAMES, compiledScanRules, defaultConfig } from '../config/config-defaults.js';
import { packageRoot } from '../config/package-root.js';
import { compileRules } from '../engine/compile.js';
import { compileAllowlist, fingerprinterFor, readBaseline } from '../filters/index.js';
import { DEFAULT_MIN_CONFIDENCE } from './min-confidence.js';
import type { ScanSetup, SetupOptions } from './prepare.js';

/**
 * The setup of a scan whose root has no config file, from the built-in rules compiled at build
 * time: what prepareScan() gives there, without loading the config schema (zod) and the YAML
 * parser, which cost a pre-commit hook about as much as Node's own start. Undefined whenever the
 * full path is needed: a config file, a --config or --max-file-size flag, or no fresh
 * dist/builtin-rules.json.
 */
export function leanSetup(root: string, options: SetupOptions, packageDir = packageRoot()): ScanSetup | undefined {
  if (options.config || options.maxFileSize || CONFIG_FILE_NAMES.some((name) => existsSync(join(root, name)))) return undefined;
  const rules = compiledScanRules(packageDir);
  if (!rules) return undefined;
  const config = defaultConfig();
  const ruleInputs = rules.map((spec) => ({ spec, engine: 'js' as const }));
  return {
    root,
    config,
    configFile: undefined,
    rules,
    ruleInputs,
    ruleSet: compileRules(ruleInputs),
    allowlist: compileAllowlist(config.allowlist),
    baseline: options.baseline ? readBaseline(options.baseline) : undefined,
    fingerprints: fingerprinterFor(root, { create: options.createSalt }),
    maxFileSize: 10 * 1024 * 1024,
    minConfidence: options.minConfidence ?? DEFAULT_MIN_CONFIDENCE,
  };
}
