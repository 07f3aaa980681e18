import type { RuleSpec } from './types.js';
import { escapeRegExp, KeywordPrefilter } from './prefilter.js';
import { jsRegexMatcher, re2Matcher, re2TextTest, type PatternMatcher, type TextTest } from './matchers.js';
import { boundedRunMatcher } from './bounded-run.js';
import { findValidator, type Validator } from './validators/index.js';
import { vendorProximityMatcher } from './proximity.js';
import { withVendorVocabulary } from './vendor-vocabulary.js';

/** Which regex engine runs a rule: built-in rules use RegExp, user rules the linear-time RE2. */
export type RegexEngine = 'js' | 're2';

/** A rule ready to run. */
export interface CompiledRule {
  spec: RuleSpec;
  matcher: PatternMatcher;
  /** Case-insensitive: a match whose secret or whole text matches one of them is not a secret. */
  allow: TextTest[];
  stopwords: string[];
  excludePaths: TextTest[];
  onlyPaths: TextTest[];
  validator: Validator | undefined;
}

/** Every rule of a scan plus the keyword prefilter over them. */
export interface CompiledRuleSet {
  rules: CompiledRule[];
  /** The indexes of the rules with `paths` or `excludePaths` (the built-in ones: 31 of 416): every other rule runs on every path. */
  pathBound: number[];
  prefilter: KeywordPrefilter;
  /**
   * The whole-text rules whose lookbehind spans lines (a Kubernetes Secret's `data:` or `"kind":
   * "Secret"` far above the value): their indexes, and one case-insensitive RegExp of their
   * keywords. A focused scan looks for these keywords above its regions too (ScanOptions.focus).
   */
  farReaching: {
    rules: number[];
    keywords: RegExp | undefined;
    /** For each of those rules (same order): a case-insensitive RegExp of its own keywords, undefined when it has none. */
    ruleKeywords: (RegExp | undefined)[];
  };
}

/** One case-insensitive RegExp for any of the keywords (none: undefined). */
function keywordAlternation(keywords: readonly string[]): RegExp | undefined {
  return keywords.length ? new RegExp([...new Set(keywords.map((k) => k.toLowerCase()))].map(escapeRegExp).join('|'), 'i') : undefined;
}

/** True for a whole-text rule whose lookbehind may reach lines above its match (its keywords may be there). */
export function reachesFarBack(spec: RuleSpec): boolean {
  if (spec.scope === 'line' || spec.scope === 'keyword' || spec.detector !== undefined) return false;
  const lookbehind = spec.pattern.indexOf('(?<=');
  if (lookbehind === -1) return false;
  const after = spec.pattern.slice(lookbehind);
  return after.includes('\\n') || after.includes('[\\s\\S]');
}

/**
 * Path regexes shared by the rules that list the same one (the built-in rules' `excludePaths`:
 * 135 in 30 rules, ~15 apart), each remembering its last answer: the rules are asked about one
 * path after another (which rules run on a path, src/scan/text-scanner.ts: pathScanKey), so a
 * regex listed by 26 rules runs once a path, not 26 times.
 */
function sharedPathTests(): (source: string, engine: RegexEngine, build: (source: string) => TextTest) => TextTest {
  const shared = new Map<string, TextTest>();
  return (source, engine, build) => {
    const key = `${engine}\u0000${source}`;
    let found = shared.get(key);
    if (!found) shared.set(key, (found = lastAnswerKept(build(source))));
    return found;
  };
}

/** A test that answers again for the same text without running (path regexes have no flags: no state between runs). */
function lastAnswerKept(inner: TextTest): TextTest {
  let lastText: string | undefined;
  let lastAnswer = false;
  return {
    test(text: string): boolean {
      if (text !== lastText) {
        lastAnswer = inner.test(text);
        lastText = text;
      }
      return lastAnswer;
    },
  };
}

/** A rule spec and the engine its pattern runs on. */
export interface RuleToCompile {
  spec: RuleSpec;
  engine: RegexEngine;
}

/**
 * Compiles validated rule specs; throws only on a spec that validation should have rejected.
 * Every regex of a user rule (pattern, `allow`, `paths`, `excludePaths`) runs on RE2, so no
 * pattern from a config file can make a scan hang.
 */
export function compileRules(rules: readonly RuleToCompile[]): CompiledRuleSet {
  const pathTest = sharedPathTests();
  const compiled = withVendorVocabulary(rules).map(({ spec, engine }): CompiledRule => {
    const flags = spec.flags ?? '';
    const group = spec.secretGroup ?? 0;
    const test = (source: string, testFlags = ''): TextTest =>
      engine === 're2' ? re2TextTest(source, testFlags) : new RegExp(source, testFlags);
    // Regexes are built on first use: a scan runs the few rules whose keywords it meets, and a
    // pre-commit hook would otherwise build a thousand RegExps (and their garbage) for nothing.
    let matcher: PatternMatcher | undefined;
    let allow: TextTest[] | undefined;
    let excludePaths: TextTest[] | undefined;
    let onlyPaths: TextTest[] | undefined;
    return {
      spec,
      get matcher() {
        return (matcher ??=
          spec.detector === 'vendor-proximity'
            ? vendorProximityMatcher(spec.keywords)
            : engine === 're2'
              ? re2Matcher(spec.pattern, flags, group)
              : (boundedRunMatcher(spec.pattern, flags, group) ?? jsRegexMatcher(spec.pattern, flags, group)));
      },
      set matcher(replaced: PatternMatcher) {
        matcher = replaced;
      },
      get allow() {
        return (allow ??= (spec.allow ?? []).map((source) => test(source, 'i')));
      },
      stopwords: (spec.stopwords ?? []).map((word) => word.toLowerCase()),
      get excludePaths() {
        return (excludePaths ??= (spec.excludePaths ?? []).map((source) => pathTest(source, engine, test)));
      },
      get onlyPaths() {
        return (onlyPaths ??= (spec.paths ?? []).map((source) => pathTest(source, engine, test)));
      },
      validator: spec.validator ? findValidator(spec.validator) : undefined,
    };
  });
  const far = compiled.flatMap((rule, index) => (reachesFarBack(rule.spec) ? [index] : []));
  return {
    rules: compiled,
    pathBound: compiled.flatMap(({ spec }, index) => ((spec.paths?.length ?? 0) + (spec.excludePaths?.length ?? 0) > 0 ? [index] : [])),
    prefilter: new KeywordPrefilter(compiled.map((rule) => rule.spec.keywords)),
    farReaching: {
      rules: far,
      keywords: keywordAlternation(far.flatMap((index) => (compiled[index] as CompiledRule).spec.keywords)),
      ruleKeywords: far.map((index) => keywordAlternation((compiled[index] as CompiledRule).spec.keywords)),
    },
  };
}
