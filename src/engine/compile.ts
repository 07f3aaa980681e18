import type { RuleSpec } from './types.js';
import { KeywordPrefilter } from './prefilter.js';
import { jsRegexMatcher, re2Matcher, type PatternMatcher } from './matchers.js';
import { findValidator, type Validator } from './validators/index.js';

/** Which regex engine runs a rule: built-in rules use RegExp, user rules the linear-time RE2. */
export type RegexEngine = 'js' | 're2';

/** A rule ready to run. */
export interface CompiledRule {
  spec: RuleSpec;
  matcher: PatternMatcher;
  allow: RegExp[];
  stopwords: string[];
  excludePaths: RegExp[];
  onlyPaths: RegExp[];
  validator: Validator | undefined;
}

/** Every rule of a scan plus the keyword prefilter over them. */
export interface CompiledRuleSet {
  rules: CompiledRule[];
  prefilter: KeywordPrefilter;
}

/** A rule spec and the engine its pattern runs on. */
export interface RuleToCompile {
  spec: RuleSpec;
  engine: RegexEngine;
}

/** Compiles validated rule specs; throws only on a spec that validation should have rejected. */
export function compileRules(rules: readonly RuleToCompile[]): CompiledRuleSet {
  const compiled = rules.map(({ spec, engine }): CompiledRule => {
    const flags = spec.flags ?? '';
    const group = spec.secretGroup ?? 0;
    return {
      spec,
      matcher: engine === 're2' ? re2Matcher(spec.pattern, flags, group) : jsRegexMatcher(spec.pattern, flags, group),
      allow: (spec.allow ?? []).map((source) => new RegExp(source, 'i')),
      stopwords: (spec.stopwords ?? []).map((word) => word.toLowerCase()),
      excludePaths: (spec.excludePaths ?? []).map((source) => new RegExp(source)),
      onlyPaths: (spec.paths ?? []).map((source) => new RegExp(source)),
      validator: spec.validator ? findValidator(spec.validator) : undefined,
    };
  });
  return { rules: compiled, prefilter: new KeywordPrefilter(compiled.map((rule) => rule.spec.keywords)) };
}
