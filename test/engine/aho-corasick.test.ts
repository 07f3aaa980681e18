import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { KeywordAutomaton } from '../../src/engine/aho-corasick.js';

/** Every (keyword, start) occurrence, case-insensitively, by brute force. */
function bruteForce(text: string, keywords: string[]): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  keywords.forEach((keyword, index) => {
    for (let at = lower.indexOf(keyword); at !== -1; at = lower.indexOf(keyword, at + 1)) out.push(`${index}@${at}`);
  });
  return out.sort();
}

describe('KeywordAutomaton', () => {
  it('finds exactly the occurrences brute force finds, overlapping and nested ones included', () => {
    const keywords = ['ab', 'abc', 'bc', 'bca', 'c', 'aaa', 'ghp_', 'token', 'to', 'ke'];
    const automaton = new KeywordAutomaton(keywords);
    for (let round = 0; round < 300; round++) {
      const text = [...randomBytes(300)].map((b) => 'abcABC_ghpTOKENé😀\n'[b % 19]).join('');
      const hits: string[] = [];
      automaton.scan(text, (keyword, start) => hits.push(`${keyword}@${start}`));
      expect(hits.sort()).toEqual(bruteForce(text, keywords));
    }
  });
});

describe('KeywordAutomaton with more states than 16-bit entries hold', () => {
  it('uses 32-bit entries and finds what brute force finds', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let seed = 5;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const keywords = [...new Set(Array.from({ length: 3500 }, () => Array.from({ length: 12 }, () => letters[random(26)]).join('')))];
    const automaton = new KeywordAutomaton(keywords);
    expect(automaton.tables().delta).toBeInstanceOf(Int32Array);
    expect(automaton.tables().flag).toBeGreaterThan(0x8000);
    const text = Array.from(
      { length: 200 },
      (_, i) => `${keywords[random(keywords.length)]?.toUpperCase()}${letters.slice(0, i % 9)} `,
    ).join('');
    const hits: string[] = [];
    automaton.scan(text, (keyword, start) => hits.push(`${keyword}@${start}`));
    expect(hits.length).toBeGreaterThanOrEqual(200);
    expect(hits.sort()).toEqual(bruteForce(text, keywords));
  });
});

describe('KeywordPrefilter', () => {
  it('credits the same rules at the same offsets before and after it switches to the automaton', async () => {
    const { KeywordPrefilter } = await import('../../src/engine/prefilter.js');
    const ruleKeywords = [['ab', 'token'], ['abc'], ['bc', 'ghp_'], ['c'], ['to']];
    const prefilter = new KeywordPrefilter(ruleKeywords);
    const texts = Array.from({ length: 50 }, () => [...randomBytes(400)].map((b) => 'abcABC_ghpTOKEN \n'[b % 17]).join(''));
    const before = texts.map((text) => [...prefilter.hits(text)].sort(([a], [b]) => a - b));
    prefilter.hits('x'.repeat(5 * 1024 * 1024));
    const after = texts.map((text) => [...prefilter.hits(text)].sort(([a], [b]) => a - b));
    expect(after).toEqual(before);
    expect(before.some((hits) => hits.length > 3)).toBe(true);
  });

  it("takes an automaton built elsewhere (a worker thread gets the main thread's tables): same hits, from the first text on", async () => {
    const { KeywordPrefilter } = await import('../../src/engine/prefilter.js');
    const ruleKeywords = [['ab', 'token'], ['abc'], ['bc', 'ghp_'], ['c'], ['to']];
    const built = new KeywordPrefilter(ruleKeywords);
    const tables = structuredClone(built.automatonTables());
    expect(tables?.delta).toBeInstanceOf(Uint16Array);
    const adopted = new KeywordPrefilter(ruleKeywords);
    adopted.useAutomaton(tables as NonNullable<typeof tables>);
    const fresh = new KeywordPrefilter(ruleKeywords);
    const texts = Array.from({ length: 50 }, () => [...randomBytes(400)].map((b) => 'abcABC_ghpTOKEN \n'[b % 17]).join(''));
    for (const text of texts) expect(adopted.hits(text)).toEqual(fresh.hits(text));
    // Tables of other keywords are refused: the prefilter keeps its own.
    const other = new KeywordPrefilter([['zz', 'yy']]);
    other.useAutomaton(tables as NonNullable<typeof tables>);
    expect([...other.hits('zz yy ab').keys()]).toEqual([0]);
  });

  it('credits the same rules on small texts (prefix tables) as the automaton, with every built-in keyword, and keeps the RegExp path for non-ASCII keywords', async () => {
    const { KeywordPrefilter } = await import('../../src/engine/prefilter.js');
    const { loadRuleFiles } = await import('../../src/config/builtin-rules.js');
    const ruleKeywords = loadRuleFiles().map(({ spec }) => spec.keywords);
    const small = new KeywordPrefilter(ruleKeywords);
    const large = new KeywordPrefilter(ruleKeywords);
    large.useAutomaton(large.automatonTables() as NonNullable<ReturnType<typeof large.automatonTables>>);
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:=/"\' \n';
    const sample = 'GITHUB_TOKEN=ghp_x password: api_key = "sk_live_" AKIA xoxb- -----BEGIN PRIVATE KEY-----';
    for (let round = 0; round < 30; round++) {
      const text = [...randomBytes(2000)].map((b) => alphabet[b % alphabet.length]).join('') + sample + 'é';
      expect(small.hits(text)).toEqual(large.hits(text));
      expect(
        small.hitsIn(text, [
          [5, 700],
          [900, text.length],
        ]),
      ).toEqual(
        large.hitsIn(text, [
          [5, 700],
          [900, text.length],
        ]),
      );
    }
    const accented = new KeywordPrefilter([['clé'], ['token']]);
    expect([...accented.hits('la CLÉ et le token').entries()]).toEqual([
      [0, [3]],
      [1, [13]],
    ]);
  });
});
