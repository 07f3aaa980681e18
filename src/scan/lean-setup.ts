import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAMES, defaultConfig } from '../config/config-defaults.js';
import { packageRoot } from '../config/package-root.js';
import type { RuleSpec } from '../engine/index.js';
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
  const rules = compiledBuiltinRules(packageDir);
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

function compiledBuiltinRules(root: string): RuleSpec[] | undefined {
  const compiled = join(root, 'dist', 'builtin-rules.json');
  if (!existsSync(compiled)) return undefined;
  const rulesDir = join(root, 'rules');
  if (existsSync(rulesDir)) {
    const builtAt = statSync(compiled).mtimeMs;
    if (readdirSync(rulesDir).some((name) => name.endsWith('.yaml') && statSync(join(rulesDir, name)).mtimeMs > builtAt)) return undefined;
  }
  return JSON.parse(readFileSync(compiled, 'utf8')) as RuleSpec[];
}
