import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, type Problem } from '../errors.js';
import { validateRuleSpecs, type RuleSpec } from '../engine/index.js';
import { packageRoot } from './package-root.js';

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

/** The built-in rules: the JSON compiled at build time when present, else the YAML files. */
export function loadBuiltinRules(): RuleSpec[] {
  const root = packageRoot();
  const compiled = join(root, 'dist', 'builtin-rules.json');
  if (existsSync(compiled) && !isStale(compiled, join(root, 'rules'))) return JSON.parse(readFileSync(compiled, 'utf8')) as RuleSpec[];
  return loadRuleFiles().map((rule) => rule.spec);
}

/** True when a rule file is newer than the compiled JSON (a rule edited since the last build). */
function isStale(compiled: string, rulesDir: string): boolean {
  if (!existsSync(rulesDir)) return false;
  const builtAt = statSync(compiled).mtimeMs;
  return readdirSync(rulesDir).some((name) => name.endsWith('.yaml') && statSync(join(rulesDir, name)).mtimeMs > builtAt);
}
