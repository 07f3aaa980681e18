import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { purge } from '../../src/fix/index.js';
import { gitIn, tempRepo } from '../helpers/cli.js';
import { requireTools } from '../helpers/external-tools.js';
import { githubToken, randomBase62 } from '../helpers/tokens.js';

/** The pieces of `unleak purge`: the filter-repo expressions, the rewrite itself, the check afterwards. */

const HAS_FILTER_REPO = requireTools('test/fix/purge.test.ts', ['git-filter-repo']);

describe('replaceExpressions', () => {
  it('writes literal lines, longest first, and regex lines for values a line cannot hold', () => {
    const short = githubToken();
    const long = `${short}-and-more`;
    const pem = `-----BEGIN PRIVATE KEY-----\n${randomBase62(40)}\n-----END PRIVATE KEY-----\n`;
    const text = purge.replaceExpressions([
      { name: 'A', value: short },
      { name: 'B', value: long },
      { name: 'KEY', value: pem },
    ]);
    const lines = text.trimEnd().split('\n');
    const escaped = JSON.stringify(pem).slice(1, -1);
    expect(lines.filter((l) => l.startsWith('literal:'))).toEqual([
      `literal:${escaped}==>***REMOVED:KEY***`,
      `literal:${escaped.slice(0, -2)}==>***REMOVED:KEY***`,
      `literal:${long}==>***REMOVED:B***`,
      `literal:${short}==>***REMOVED:A***`,
    ]);
    expect(lines.filter((l) => l.startsWith('regex:'))).toEqual([
      `regex:${purge.pythonRegexEscape(pem)}==>***REMOVED:KEY***`,
      `regex:${purge.pythonRegexEscape(pem.trim())}==>***REMOVED:KEY***`,
    ]);
  });

  it('escapes a value for Python regular expressions so that it matches itself exactly', () => {
    const values = ['a.b*c+d?e(f)g[h]i{j}k|l^m$n\\o/p#q r\tq', `line one\nline two\r\n`, 'ünïcode ✓ ${X} %s'];
    const script =
      'import json, re, sys\nfor pattern, text in json.load(sys.stdin):\n    assert re.fullmatch(pattern.encode(), text.encode()), pattern\nprint("ok")';
    const pairs = values.map((value) => [purge.pythonRegexEscape(value), value]);
    expect(execFileSync('python3', ['-c', script], { input: JSON.stringify(pairs), encoding: 'utf8' }).trim()).toBe('ok');
  });
});

describe.runIf(HAS_FILTER_REPO)('rewriteHistory and valuesInObjects', () => {
  it('replaces values in files and commit messages; a binary file keeps its value and is reported', async () => {
    const token = githubToken();
    const repo = tempRepo({ 'a.txt': `t=${token}\n` });
    writeFileSync(join(repo, 'blob.bin'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(token)]));
    gitIn(repo, 'add', '-A');
    gitIn(repo, 'commit', '-qm', `oops ${token}`);
    const values = [{ name: 'GITHUB_TOKEN', value: token }];
    const before = await purge.valuesInObjects(repo, values);
    expect(before.hits.map((h) => [h.type, h.binary]).sort()).toEqual([
      ['blob', false],
      ['blob', true],
      ['commit', false],
    ]);
    await purge.rewriteHistory(repo, values, { backup: join(repo, '.git', 'backup.bundle') });
    expect(gitIn(repo, 'log', '-1', '--format=%s')).toBe('oops ***REMOVED:GITHUB_TOKEN***\n');
    const after = await purge.valuesInObjects(repo, values);
    expect(after.hits.map((h) => [h.name, h.type, h.binary])).toEqual([['GITHUB_TOKEN', 'blob', true]]);
  });
});
