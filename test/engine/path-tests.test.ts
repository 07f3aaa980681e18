import { describe, expect, it } from 'vitest';
import { compileAllowlist } from '../../src/filters/index.js';
import { pathScanKey } from '../../src/scan/text-scanner.js';
import { compileJs, testRule } from '../helpers/rules.js';

const FIXTURES = '(?:^|/)fixtures/';
const rule = (id: string, excludePaths?: string[], paths?: string[]) =>
  testRule({ id, keywords: [id], pattern: `${id}=([a-z]{8})`, excludePaths, paths });

describe("rules' path regexes", () => {
  it('are one test for the rules that list the same regex, answering each path as the regex does, in any order', () => {
    const ruleSet = compileJs(rule('alpha', [FIXTURES]), rule('beta', [FIXTURES, '\\.min\\.js$']), rule('gamma'));
    const [alpha, beta, gamma] = ruleSet.rules;
    expect(alpha?.excludePaths[0]).toBe(beta?.excludePaths[0]);
    expect(gamma?.excludePaths).toEqual([]);
    const shared = alpha?.excludePaths[0];
    for (const path of ['src/app.js', 'test/fixtures/a.js', 'test/fixtures/a.js', 'src/app.js', 'fixtures/b.txt', 'lib/fixtures.js'])
      expect(shared?.test(path), path).toBe(new RegExp(FIXTURES).test(path));
    expect(beta?.excludePaths[1]?.test('dist/app.min.js')).toBe(true);
    expect(beta?.excludePaths[1]?.test('dist/app.js')).toBe(false);
  });
});

describe('pathScanKey', () => {
  const ruleSet = compileJs(rule('alpha', [FIXTURES]), rule('beta', undefined, ['\\.env$']), rule('gamma'), rule('delta'));
  const scanner = {
    ruleSet,
    allowlist: compileAllowlist({ paths: ['vendor/'], regexes: [], lines: [], stopwords: [] }),
    maxDecodeDepth: 2,
  };
  const key = (path: string) => pathScanKey(scanner, path);

  it('is the same for paths where the same rules run, with the same extension', () => {
    expect(key('src/a.js')).toBe(key('lib/deep/b.js'));
    expect(key('config/prod.env')).toBe(key('staging.env'));
  });

  it('differs where a rule is left out (excludePaths) or let in (paths), or the extension differs', () => {
    expect(key('test/fixtures/a.js')).not.toBe(key('src/a.js'));
    expect(key('config/prod.env')).not.toBe(key('config/prod.txt'));
    expect(key('src/a.ts')).not.toBe(key('src/a.js'));
  });

  it('says a path the allowlist skips is allowlisted', () => {
    expect(key('vendor/lib.js')).toBe('allowlisted');
  });
});
