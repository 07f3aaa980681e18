import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, type Problem } from '../errors.js';
import type { RuleSpec } from '../engine/index.js';
// By file: the engine's door need not lead to the rule schema (zod), which only config loading uses.
import { validateRuleSpecs } from '../engine/rule-schema.js';
import { packageRoot } from './package-root.js';
import { compiledBuiltinRules } from './config-defaults.js';

/** A rule and the file it was read from. */
export interface LoadedRule {
  spec: RuleSpec;
  file: string;
}

/** Reads and validates every `rules/*.yaml` file; a bad rule lists every problem at once. */
export function loadRuleFiles(rulesDir = join(packageRoot(), 'rules')): LoadedRule[] {
  const problems: Problem[] = [];
  const loaded: LoadedRule[] = [];
  const files = readdirSync(rulesDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
  for (const name of files) {
    const file = relative(process.cwd(), join(rulesDir, name)) || name;
    let doc: unknown;
    try {
      doc = parse(readFileSync(join(rulesDir, name), 'utf8'));
    } catch (error) {
      problems.push({ file, field: '', message: `not valid YAML: ${(error as Error).message}` });
      continue;
    }
    const raw = (doc as { rules?: unknown } | null)?.rules;
    const { rules, problems: found } = validateRuleSpecs(raw, file, { prefix: 'rules' });
    problems.push(...found);
    loaded.push(...rules.map((spec) => ({ spec, file })));
  }
  const seen = new Map<string, string>();
  for (const { spec, file } of loaded) {
    const first = seen.get(spec.id);
    if (first) problems.push({ file, field: `rules.${spec.id}`, message: `duplicate rule id (also in ${first})` });
    seen.set(spec.id, file);
  }
  if (problems.length) throw new ConfigError('UNLEAK_RULE_INVALID', problems);
  return loaded;
}

/** The built-in rules: the JSON compiled at build time when present and fresh, else the YAML files. */
export function loadBuiltinRules(): RuleSpec[] {
  return compiledBuiltinRules() ?? loadRuleFiles().map((rule) => rule.spec);
}
