import { describe, expect, it } from 'vitest';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { compileRules, scanChunk } from '../../src/engine/index.js';
import { focusRegions } from '../../src/engine/scan.js';
import { githubToken, strongPassword } from '../helpers/tokens.js';
import * as helpers from '../helpers/rules.js';

const ruleSet = compileRules(loadRuleFiles().map(({ spec }) => ({ spec, engine: 'js' as const })));
const scan = (text: string, focus?: [number, number][]) =>
  scanChunk({ text, origin: { path: 'app/config.txt' } }, ruleSet, focus ? { focus } : {}).map((f) => `${f.ruleId}@${f.line}`);
/** The span of the line holding `needle`. */
const lineOf = (text: string, needle: string): [number, number] => {
  const at = text.indexOf(needle);
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  return [start, end === -1 ? text.length : end];
};

describe('focused scan (history: the lines an older version did not have)', () => {
  it('reports only findings on the focus lines, the same as a whole scan reports there', () => {
    const old = githubToken();
    const added = githubToken();
    const text = `a = 1\nold = "${old}"\n${'filler = 2\n'.repeat(40)}new = "${added}"\n`;
    expect(scan(text)).toEqual(['github-classic-pat@2', 'github-classic-pat@43']);
    expect(scan(text, [lineOf(text, added)])).toEqual(['github-classic-pat@43']);
    expect(scan(text, []), 'no focus: nothing to scan').toEqual([]);
  });

  it('sees keywords and lookbehinds far above the focus: a Kubernetes Secret value changed below many keys', () => {
    const keys = Array.from({ length: 60 }, (_, i) => `  key${i}: ${Buffer.from(`plain value ${i}`).toString('base64')}`);
    const value = Buffer.from(strongPassword(16)).toString('base64');
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n${keys.join('\n')}\n  password: ${value}\n`;
    const whole = scan(text).filter((f) => f.endsWith('@67'));
    expect(whole.length).toBeGreaterThan(0);
    expect(scan(text, [lineOf(text, value)])).toEqual(whole);
  });

  it("wakes a far-reaching rule by its own keywords above the focus, not by another far-reaching rule's", () => {
    const { testRule } = helpers;
    // Both look far back (a lookbehind over lines); each matches without its keyword, so running it shows.
    const alpha = testRule({
      id: 'far-alpha',
      keywords: ['alpha-kind'],
      pattern: '(?<=^x[\\s\\S]{0,3000})alpha=(?<secret>[a-z0-9]{12})',
      flags: 'm',
    });
    const beta = testRule({
      id: 'far-beta',
      keywords: ['beta-kind'],
      pattern: '(?<=^x[\\s\\S]{0,3000})beta=(?<secret>[a-z0-9]{12})',
      flags: 'm',
    });
    const rules = helpers.compileJs(alpha, beta);
    const text = `x\nalpha-kind\n${'filler\n'.repeat(30)}alpha=q7w8e9r0t1y2 beta=z1x2c3v4b5n6\n`;
    const found = (focus?: [number, number][]) =>
      scanChunk({ text, origin: { path: 'a.txt' } }, rules, focus ? { focus } : {}).map((f) => f.ruleId);
    expect(found(), 'a whole scan runs only the rule whose keyword is there').toEqual(['far-alpha']);
    expect(found([lineOf(text, 'alpha=')]), 'the focused scan of the last line: the same').toEqual(['far-alpha']);
  });

  it('finds a secret whose match starts lines above the focus line (a section header above its password)', () => {
    const password = strongPassword(18);
    const text = `[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\n# one\n# two\n# three\npassword = ${password}\n`;
    const whole = scan(text);
    expect(whole).toContain('pypirc-password@9');
    expect(scan(text, [lineOf(text, password)])).toEqual(whole);
  });

  it('prefilters several spans in one pass: the same hits as each span alone, at offsets into the text', () => {
    const text = `${'x'.repeat(50)}\ntoken = "${githubToken()}"\n${'y'.repeat(50)}\npassword: hunter22\n`;
    const spans: [number, number][] = [lineOf(text, 'token ='), lineOf(text, 'password:')];
    const merged = new Map<number, number[]>();
    for (const [start, end] of spans)
      for (const [rule, offsets] of ruleSet.prefilter.hits(text.slice(start, end)))
        merged.set(rule, [...(merged.get(rule) ?? []), ...offsets.map((offset) => offset + start)]);
    for (let round = 0; round < 2; round++) {
      // The second round runs on the automaton (built once enough text went through).
      if (round === 1) ruleSet.prefilter.hits('z'.repeat(2 * 1024 * 1024));
      expect(new Map([...ruleSet.prefilter.hitsIn(text, spans)].sort((a, b) => a[0] - b[0]))).toEqual(
        new Map([...merged].sort((a, b) => a[0] - b[0])),
      );
    }
  });

  it('reads the focus lines with their context, not the whole text', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const regions = focusRegions(text, [lineOf(text, 'line 50')]);
    expect(regions).toHaveLength(1);
    const [start, end] = regions[0] as [number, number];
    expect(text.slice(start, end).split('\n')).toEqual(Array.from({ length: 15 }, (_, i) => `line ${38 + i}`));
  });
});
