import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { compileRules, scanChunk, type RuleSpec } from '../../src/engine/index.js';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';

const base: RuleSpec = {
  id: 'acme-token',
  title: 'Acme token',
  description: 'test rule',
  severity: 'high',
  keywords: ['acme_', 'acme-key'],
  pattern: '(?<![A-Za-z0-9_])(?:acme_|acme-key\\s{0,3}[:=]\\s{0,3})([A-Za-z0-9]{8,12})(?![A-Za-z0-9])',
  secretGroup: 1,
  references: ['https://example.test/acme'],
  examples: { positive: [], negative: [] },
};

const run = (spec: RuleSpec, text: string) =>
  scanChunk({ text, origin: { path: 'a.txt' } }, compileRules([{ spec, engine: 'js' }]), { maxDecodeDepth: 0 }).map((f) => [
    f.start,
    f.end,
    f.secret,
  ]);

describe('scope: keyword (the pattern tried only where a keyword starts)', () => {
  it('finds what a whole-text run finds when every match starts at a keyword: overlaps, repeats, matches across lines, near misses', () => {
    const pieces = [
      'acme_',
      'ACME_',
      'acme-key',
      'acme-key =\n ',
      'xacme_',
      'Ab3dE5gH',
      'k9',
      'zzzzzzzzzzzzzz',
      ' ',
      '\n',
      '_',
      'acme_acme_',
    ];
    let found = 0;
    for (let round = 0; round < 400; round++) {
      const text = [...randomBytes(30 + (round % 40))].map((byte) => pieces[byte % pieces.length]).join('');
      const whole = run(base, text);
      expect(run({ ...base, scope: 'keyword' }, text), JSON.stringify(text)).toEqual(whole);
      found += whole.length;
    }
    expect(found).toBeGreaterThan(30);
  });

  it('skips a match that does not start at a keyword (what a rule may not be scoped for)', () => {
    const spec: RuleSpec = { ...base, keywords: ['token'], pattern: 'my_token=([A-Za-z0-9]{8,12})' };
    expect(run(spec, 'my_token=Ab3dE5gH9k')).toEqual([[9, 19, 'Ab3dE5gH9k']]);
    expect(run({ ...spec, scope: 'keyword' }, 'my_token=Ab3dE5gH9k')).toEqual([]);
  });
});

describe('scope: line with linesBefore (a name line, its value a few lines below)', () => {
  const spec = loadRuleFiles()
    .map((rule) => rule.spec)
    .find((rule) => rule.id === 'container-env-secret-value') as RuleSpec;
  const whole = (() => {
    const { scope: _scope, linesBefore: _before, ...rest } = spec;
    return rest as RuleSpec;
  })();

  it('finds what a whole-text run finds, with 0 to 3 lines between names and values and windows that touch', () => {
    expect(spec.scope).toBe('line');
    expect(spec.linesBefore).toBe(3);
    const pieces = [
      '- name: DB_PASSWORD',
      '  value: Xk29sLq0Pz81',
      '  "name": "API_TOKEN",',
      '  "value": "Qw8Er7Ty6Ui5"',
      '  # comment',
      '  other: 1',
      '',
      'key: SECRET_KEY',
      'value: Zx1Cv2Bn3Mm4',
      'value:',
      '{',
      'name: a value: b',
    ];
    let found = 0;
    for (let round = 0; round < 400; round++) {
      const text = [...randomBytes(8 + (round % 16))].map((byte) => pieces[byte % pieces.length]).join('\n');
      const expected = run(whole, text);
      expect(run(spec, text), JSON.stringify(text)).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(100);
  });

  it('would miss a value four lines below its name with one line fewer: the window size matters', () => {
    const text = 'name: DB_PASSWORD\n  a: 1\n  b: 2\nvalue: Xk29sLq0Pz81\n';
    expect(run(whole, text)).toHaveLength(1);
    expect(run(spec, text)).toEqual(run(whole, text));
    expect(run({ ...spec, linesBefore: 2 }, text)).toEqual([]);
  });
});
