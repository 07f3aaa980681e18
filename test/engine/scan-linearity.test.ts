import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { compileRules, isPlaceholder, scanChunk, shannonEntropy } from '../../src/engine/index.js';
import { compileJs, testRule } from '../helpers/rules.js';

const ruleSet = compileRules(loadRuleFiles().map(({ spec }) => ({ spec, engine: 'js' as const })));
const SMALL = 64 * 1024;
const GROWTH = 8;
/** Linear time grows ×8 with ×8 input, quadratic ×64: the bound sits between, far from both (a busy machine adds noise). */
const MAX_RATIO = 24;
/** Below this, a run's time is timer and GC noise rather than work. */
const FLOOR_MS = 5;

const repeatTo = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** Input shapes of one long line, as minified bundles are: each a unit repeated to the size. */
const SHAPES: [string, string][] = [
  ['single-quoted strings with \\n escapes (minified JS)', "a0='line\\nnext\\n';"],
  ['double-quoted strings with \\n escapes', 'var a="one\\ntwo\\u0041";'],
  ['an unclosed double-quoted string full of escapes', '"x\\n'],
  ['\\n escapes with no quote at all', 'x\\ny\\/'],
  ['JSON objects with escapes', '{"k":"v\\nw","t":"a\\u0041b"},'],
  ['percent escapes', '%41%42a%2F'],
  ['base64-looking runs', 'Zm9vYmFyYmF6cXV4MTIz+/=='],
  ['keywords on one line (line-scoped rules)', 'password=1;token: x;apikey='],
  ['backslashes before quotes', '\\\\\\"\\n"'],
];

function bestOfMs(runs: number, text: string): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    scanChunk({ text, origin: { path: 'bundle.min.js' } }, ruleSet);
    best = Math.min(best, performance.now() - started);
  }
  return Math.max(best, FLOOR_MS);
}

describe('scan time is linear in the input on every shape', () => {
  it.each(SHAPES)('%s: ×8 input costs under ×24 time', (_shape, unit) => {
    bestOfMs(1, repeatTo(unit, SMALL));
    const small = bestOfMs(5, repeatTo(unit, SMALL));
    const large = bestOfMs(3, repeatTo(unit, SMALL * GROWTH));
    expect(large / small, `${small.toFixed(1)} ms → ${large.toFixed(1)} ms`).toBeLessThan(MAX_RATIO);
  });
});

/** A random AWS access key id the rule reports: 16 base32 characters after the prefix, no placeholder, enough entropy. */
function awsKeyId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  for (;;) {
    const key = `AKIA${[...randomBytes(16)].map((byte) => alphabet[byte % 32]).join('')}`;
    if (!isPlaceholder(key) && shannonEntropy(key) >= 3 && !key.endsWith('EXAMPLE')) return key;
  }
}

describe('a chunk with 200,000 matches', () => {
  const aws = compileRules(
    loadRuleFiles()
      .filter(({ spec }) => spec.id === 'aws-access-key-id')
      .map(({ spec }) => ({ spec, engine: 'js' as const })),
  );
  const keys = Array.from({ length: 200_000 }, awsKeyId);

  it.each([
    ['one per line', '\n'],
    ['all on one line', ' '],
  ])('is scanned whole, %s (no stack overflow, no quadratic pass)', (_layout, separator) => {
    const text = keys.map((key) => `k=${key}`).join(separator);
    const found = scanChunk({ text, origin: { path: 'keys.txt' } }, aws);
    expect(found).toHaveLength(new Set(keys).size);
    expect(found.at(-1)?.secret).toBe(keys.at(-1));
  });

  it('keeps generic findings beside 100,000 specific ones without comparing every pair', () => {
    const specific = testRule({ id: 'test-acme', keywords: ['acme_key'], pattern: 'acme_key: (\\S{20,80})', secretGroup: 1 });
    const generic = testRule({
      id: 'test-generic',
      keywords: ['password'],
      pattern: 'password=(\\S{20,80})',
      secretGroup: 1,
      tags: ['generic'],
    });
    const set = compileJs(specific, generic);
    const lines = keys.slice(0, 100_000).map((key) => `acme_key: ${key}1\npassword=${key}2`);
    const found = scanChunk({ text: lines.join('\n'), origin: { path: 'a.txt' } }, set);
    expect(found.filter((f) => f.ruleId === 'test-generic')).toHaveLength(100_000);
  });
});
