import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleSpec } from '../engine/types.js';
import type { AutomatonTables } from '../engine/aho-corasick.js';
import { automatonFromBytes } from '../engine/automaton-file.js';
import { markVocabularyWidened } from '../engine/vendor-vocabulary.js';
import type { UnleakConfig } from './config-schema.js';
import { packageRoot } from './package-root.js';

/*
 * What a scan without a config file needs of this room, without the config schema (zod) or the
 * YAML parser: they cost a scan's start about as much as Node's own. Imported by file, not
 * through the room's door, which loads both.
 */

/** Config file names looked for in the scanned root, first match wins. */
export const CONFIG_FILE_NAMES = ['.unleak.yaml', '.unleak.yml'];

/** The config file in `root`, when it has one. */
export function configFileIn(root: string): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => join(root, name)).find((path) => existsSync(path));
}

/** `.unleak.yaml` with every default: what the config schema gives for `{}` (a test keeps the two equal). A new object each call. */
export function defaultConfig(): UnleakConfig {
  return {
    extends: 'default',
    rules: [],
    disabledRules: [],
    allowlist: { paths: [], regexes: [], lines: [], stopwords: [] },
    maxFileSize: '10MB',
    maxDecodeDepth: 2,
  };
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i;

/** Parses `10MB`, `512kb`, `1048576` into bytes. */
export function parseSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
  const m = SIZE.exec(value.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit] ?? 1;
  return Math.floor(Number(m[1]) * factor);
}

/**
 * `dist/builtin-rules.json` (the built-in rules, validated at build time) when it exists and no
 * `rules/*.yaml` file is newer (a rule edited since the last build); else undefined.
 */
export function compiledRulesFile(packageDir = packageRoot()): string | undefined {
  const compiled = join(packageDir, 'dist', 'builtin-rules.json');
  if (!existsSync(compiled)) return undefined;
  const rulesDir = join(packageDir, 'rules');
  if (!existsSync(rulesDir)) return compiled;
  const builtAt = statSync(compiled).mtimeMs;
  return readdirSync(rulesDir).some((name) => name.endsWith('.yaml') && statSync(join(rulesDir, name)).mtimeMs > builtAt)
    ? undefined
    : compiled;
}

/** The built-in rules from a fresh `dist/builtin-rules.json` (see compiledRulesFile); undefined when there is none. */
export function compiledBuiltinRules(packageDir = packageRoot()): RuleSpec[] | undefined {
  const compiled = compiledRulesFile(packageDir);
  return compiled ? (JSON.parse(readFileSync(compiled, 'utf8')) as RuleSpec[]) : undefined;
}

/** The built-in rules' keyword automaton, written by the build (src/engine/automaton-file.ts). */
export const AUTOMATON_FILE = 'builtin-automaton.bin';

/**
 * Ready-made keyword automaton tables for a prefilter (KeywordPrefilter.usePrebuilt): the
 * build's, when they were built for exactly the keywords asked; undefined otherwise (no file,
 * another keyword list, a damaged file): the prefilter then builds its own.
 */
export function prebuiltAutomaton(packageDir = packageRoot()): (keywords: readonly string[]) => AutomatonTables | undefined {
  return (keywords) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(packageDir, 'dist', AUTOMATON_FILE));
    } catch {
      return undefined;
    }
    return automatonFromBytes(bytes, keywords);
  };
}

/** The built-in rules without their examples, written by the build beside `dist/builtin-rules.json`. */
export const SCAN_RULES_FILE = 'builtin-rules.scan.json';

const NO_EXAMPLES: RuleSpec['examples'] = Object.freeze({ positive: [], negative: [] }) as RuleSpec['examples'];

/**
 * The built-in rules as a scan needs them: from `dist/builtin-rules.scan.json` (the same specs
 * without their examples: a third of the bytes to parse, ~6 ms of a pre-commit hook; the
 * proximity detector's keywords already widened to the vendor vocabulary) when it is at least as
 * new as a fresh `dist/builtin-rules.json`, else from that. `examples` is empty.
 */
export function compiledScanRules(packageDir = packageRoot()): RuleSpec[] | undefined {
  const compiled = compiledRulesFile(packageDir);
  if (!compiled) return undefined;
  const lean = join(packageDir, 'dist', SCAN_RULES_FILE);
  if (!existsSync(lean) || statSync(lean).mtimeMs < statSync(compiled).mtimeMs)
    return JSON.parse(readFileSync(compiled, 'utf8')) as RuleSpec[];
  const specs = JSON.parse(readFileSync(lean, 'utf8')) as RuleSpec[];
  for (const spec of specs) {
    spec.examples ??= NO_EXAMPLES;
    if (spec.detector === 'vendor-proximity') markVocabularyWidened(spec);
  }
  return specs;
}
