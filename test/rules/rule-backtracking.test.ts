import { describe, expect, it } from 'vitest';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { testRule } from '../helpers/rules.js';
import { LARGE, SMALL, superLinearity } from './backtracking-probe.js';

describe('no built-in rule backtracks super-linearly', () => {
  const loaded = loadRuleFiles();
  it.each(loaded.map(({ spec }) => [spec.id, spec] as const))(`%s grows linearly from ${SMALL} to ${LARGE} characters of adversarial input`, (_id, spec) => {
    expect(superLinearity(spec)).toBeUndefined();
  });
});

describe('the backtracking probe', () => {
  it('fails a quadratic pattern', () => {
    const quadratic = testRule({ id: 'test-quadratic', keywords: ['key'], pattern: 'key[=:]?[a-z0-9]+x' });
    expect(superLinearity(quadratic, { deadlineMs: 3_000 })).toMatch(/x for 8x the input|took more than 3000 ms/);
  });

  it('fails an exponential pattern without hanging', () => {
    const exponential = testRule({ id: 'test-exponential', keywords: ['tok'], pattern: 'tok(?:[a-z]+)+!' });
    expect(superLinearity(exponential, { deadlineMs: 500 })).toMatch(/exponential backtracking|took more than 500 ms/);
  });

  it('passes a linear pattern', () => {
    expect(superLinearity(testRule({ id: 'test-linear', keywords: ['key'], pattern: 'key[=:]([a-z0-9]{8,64})\\b' }))).toBeUndefined();
  });
});
