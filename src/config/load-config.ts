import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, UnleakError, type Problem } from '../errors.js';
import { checkRe2Pattern, type RuleSpec, type RuleToCompile } from '../engine/index.js';
// By file: the engine's door need not lead to the rule schema (zod), which only config loading uses.
import { validateRuleSpecs } from '../engine/rule-schema.js';
import { configSchema, type UnleakConfig } from './config-schema.js';
import { loadBuiltinRules } from './builtin-rules.js';
import { configFileIn } from './config-defaults.js';

/** A loaded config: the file it came from (if any), its settings and the rules to run. */
export interface ResolvedConfig {
  file: string | undefined;
  config: UnleakConfig;
  rules: RuleToCompile[];
}

function findConfigFile(root: string, explicit: string | undefined): string | undefined {
  if (explicit) {
    const path = isAbsolute(explicit) ? explicit : resolve(root, explicit);
    if (!existsSync(path)) throw new UnleakError('UNLEAK_CONFIG_NOT_FOUND', `config file not found: ${explicit}`);
    return path;
  }
  return configFileIn(root);
}

/** Each user-supplied allowlist regex must compile on RE2, the engine that runs it. */
function checkPatterns(sources: readonly unknown[], file: string, field: string, problems: Problem[]): void {
  sources.forEach((source, i) => {
    if (typeof source !== 'string') return;
    try {
      checkRe2Pattern(source, '', 0);
    } catch (error) {
      problems.push({ file, field: `${field}[${i}]`, message: `invalid RE2 pattern: ${(error as Error).message}` });
    }
  });
}

/** `raw[key]` when `raw` is an object (a config that failed its schema may hold anything). */
function fieldAt(raw: unknown, key: string): unknown {
  return raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
}

/** `raw[key]` when it is a list; else an empty list. */
function listAt(raw: unknown, key: string): unknown[] {
  const value = fieldAt(raw, key);
  return Array.isArray(value) ? value : [];
}

/** Reads `.unleak.yaml` (or `explicit`), validates it whole, and resolves the rule list. */
export function loadConfig(root: string, explicit?: string): ResolvedConfig {
  const path = findConfigFile(root, explicit);
  const file = path ? relative(root, path) || path : '<defaults>';
  let raw: unknown = {};
  if (path) {
    try {
      raw = parse(readFileSync(path, 'utf8')) ?? {};
    } catch (error) {
      throw new ConfigError('UNLEAK_CONFIG_INVALID', [
        { file, field: '', message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` },
      ]);
    }
  }
  const parsed = configSchema.safeParse(raw);
  const problems: Problem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ file, field: issue.path.join('.'), message: issue.message }));
  // Every user-supplied regex is checked even when the schema failed, so one run lists every problem.
  const custom = validateRuleSpecs(parsed.success ? parsed.data.rules : listAt(raw, 'rules'), file, { prefix: 'rules', custom: true });
  problems.push(...custom.problems);
  const allowlist = fieldAt(raw, 'allowlist');
  checkPatterns(listAt(allowlist, 'regexes'), file, 'allowlist.regexes', problems);
  checkPatterns(listAt(allowlist, 'lines'), file, 'allowlist.lines', problems);
  if (!parsed.success) throw new ConfigError('UNLEAK_CONFIG_INVALID', problems);
  const config = parsed.data;
  const builtin: RuleSpec[] = config.extends === 'none' ? [] : loadBuiltinRules();
  const known = new Set([...builtin, ...custom.rules].map((rule) => rule.id));
  config.disabledRules.forEach((id, i) => {
    if (!known.has(id)) problems.push({ file, field: `disabledRules[${i}]`, message: `no rule has the id "${id}"` });
  });
  if (problems.length) throw new ConfigError('UNLEAK_CONFIG_INVALID', problems);
  const customIds = new Set(custom.rules.map((rule) => rule.id));
  const disabled = new Set(config.disabledRules);
  const rules: RuleToCompile[] = [
    ...builtin.filter((rule) => !customIds.has(rule.id) && !disabled.has(rule.id)).map((spec) => ({ spec, engine: 'js' as const })),
    ...custom.rules.filter((rule) => !disabled.has(rule.id)).map((spec) => ({ spec, engine: 're2' as const })),
  ];
  return { file: path, config, rules };
}
