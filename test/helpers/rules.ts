import { compileRules, type RuleSpec } from '../../src/engine/index.js';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { withVendorVocabulary } from '../../src/engine/vendor-vocabulary.js';

/** A minimal valid rule spec for engine tests; fields can be overridden. */
export function testRule(overrides: Partial<RuleSpec> & Pick<RuleSpec, 'id' | 'keywords' | 'pattern'>): RuleSpec {
  return {
    title: overrides.id,
    description: 'test rule',
    severity: 'high',
    references: ['https://example.org/doc'],
    examples: { positive: [], negative: [] },
    ...overrides,
  };
}

/** Compiles JS-engine rules. */
export const compileJs = (...specs: RuleSpec[]) => compileRules(specs.map((spec) => ({ spec, engine: 'js' as const })));

/** The built-in rule with this id. */
export function builtinRule(id: string): RuleSpec {
  const found = loadRuleFiles().find((rule) => rule.spec.id === id);
  if (!found) throw new Error(`no built-in rule ${id}`);
  return found.spec;
}

/**
 * Specs as a scan compiles them, whichever file they came from: without examples (the scan
 * rules file has none) and with the proximity detector's keywords widened (that file has them
 * widened already; widening again changes nothing).
 */
export function asScanned(specs: readonly RuleSpec[] | undefined): Omit<RuleSpec, 'examples'>[] | undefined {
  return specs && withVendorVocabulary(specs.map((spec) => ({ spec }))).map(({ spec: { examples: _examples, ...spec } }) => spec);
}

/** `.unleak.yaml` text adding one user rule, `acme-token` (keyword `acme_`, then 20 of [a-z0-9]). */
export const ACME_RULE_CONFIG = `rules:
  - id: acme-token
    title: Acme token
    description: An Acme API token.
    severity: high
    keywords: [acme_]
    pattern: "acme_[a-z0-9]{20}"
`;
