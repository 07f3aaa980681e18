import { describe, expect, it } from 'vitest';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { scanChunk } from '../../src/engine/index.js';
import { compileJs } from '../helpers/rules.js';

/**
 * The rules that cost the most on real code (issue 15), kept cheap: their keywords are rare in
 * ordinary code, and the ones whose match starts at the keyword run only there.
 */
const builtin = loadRuleFiles().map(({ spec }) => spec);
const ruleSet = compileJs(...builtin);
const indexOf = (id: string) => ruleSet.rules.findIndex((rule) => rule.spec.id === id);

/** A few lines of ordinary JavaScript: strict equality, `are_`, `list.`, `token` and `pass` in names. */
const CODE = [
  "if (a === b && c == d) return list.map((x) => x.value === '=='.length);",
  'const are_equal = tokens.length === other.tokens.length; // compare tokens',
  'function passThrough(token) { return token !== undefined ? token : null; }',
].join('\n');

describe('hot rules', () => {
  it('Bitwarden tokens wake on `0.` (where they start), not on every `==` of code', () => {
    const hits = ruleSet.prefilter.hits(CODE);
    expect(hits.has(indexOf('bitwarden-machine-access-token'))).toBe(false);
    expect(ruleSet.rules[indexOf('bitwarden-machine-access-token')]?.spec.keywords).toEqual(['0.']);
  });

  it('rules whose every match starts at a keyword run only at their keywords', () => {
    for (const id of ['bitwarden-machine-access-token', 'resend-api-key', 'infisical-service-token'])
      expect(ruleSet.rules[indexOf(id)]?.spec.scope, id).toBe('keyword');
  });

  it('finds no secret in ordinary code', () => {
    expect(scanChunk({ text: CODE, origin: { path: 'src/app.js' } }, ruleSet)).toEqual([]);
  });
});
