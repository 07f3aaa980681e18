import { describe, expect, it } from 'vitest';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { compileRules, scanChunk, type RuleSpec } from '../../src/engine/index.js';

const loaded = loadRuleFiles();
const all = compileRules(loaded.map(({ spec }) => ({ spec, engine: 'js' as const })));
const alone = (spec: RuleSpec) => compileRules([{ spec, engine: 'js' }]);
const scan = (text: string, ruleSet = all) => scanChunk({ text, origin: { path: 'example.txt' } }, ruleSet);

describe.each(loaded.map(({ spec, file }) => [spec.id, spec, file] as const))('rule %s', (_id, spec) => {
  const ruleSet = alone(spec);
  it.each(spec.examples.positive.map((text, i) => [i, text]))('finds positive example %i', (_i, text) => {
    expect(scan(text, ruleSet).map((f) => f.ruleId)).toContain(spec.id);
    expect(scan(text).map((f) => f.ruleId), 'with every rule loaded').toContain(spec.id);
  });
  it.each(spec.examples.negative.map((example, i) => [i, example.reason, example.text]))('ignores negative example %i (%s)', (_i, _reason, text) => {
    expect(scan(text, ruleSet)).toEqual([]);
  });
});
