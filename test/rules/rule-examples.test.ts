import { describe, expect, it } from 'vitest';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { compileRules, scanChunk, type RuleSpec } from '../../src/engine/index.js';
import { GENERATE_PATTERN, withGeneratedExamples } from '../helpers/example-tokens.js';

const loaded = loadRuleFiles();
const generated = new Map(loaded.map(({ spec }) => [spec.id, withGeneratedExamples(spec)]));
const all = compileRules(loaded.map(({ spec }) => ({ spec, engine: 'js' as const })));
const alone = (spec: RuleSpec) => compileRules([{ spec, engine: 'js' }]);
const scan = (text: string, ruleSet = all) => scanChunk({ text, origin: { path: 'example.txt' } }, ruleSet);

// Examples that name a token generator (`{{generate:…}}`) get a fresh checksum-valid token each run.
describe.each(loaded.map(({ spec, file }) => [spec.id, spec, file] as const))('rule %s', (_id, spec) => {
  const ruleSet = alone(spec);
  const { examples } = generated.get(spec.id)!;
  it.each(examples.positive.map((text, i) => [i, text, spec.examples.positive[i]!]))('finds positive example %i', (_i, text, written) => {
    expect(scan(text, ruleSet).map((f) => f.ruleId)).toContain(spec.id);
    expect(scan(text).map((f) => f.ruleId), 'with every rule loaded').toContain(spec.id);
    if (new RegExp(GENERATE_PATTERN.source).test(written)) {
      expect(scan(text, ruleSet).map((f) => f.validation), 'a generated token passes the rule\'s checksum').toContain('checksum-valid');
    }
  });
  it.each(examples.negative.map((example, i) => [i, example.reason, example.text]))('ignores negative example %i (%s)', (_i, _reason, text) => {
    expect(scan(text, ruleSet)).toEqual([]);
  });
});
