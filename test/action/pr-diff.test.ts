import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAddedLines, placeFindings, unquotePath } from '../../src/action/pr-diff.js';
import { fakeGithubToken } from './helpers/fake-token.js';
import { makeFinding } from './helpers/findings.js';
import { Upstream, gitEnv, removeTemp, tempDir } from './helpers/git-repo.js';

describe('parseAddedLines', () => {
  it('collects the new-file numbers of added lines, by new path', () => {
    const diff = [
      'diff --git a.txt a.txt',
      'index 1..2 100644',
      '--- a.txt',
      '+++ a.txt',
      '@@ -2,0 +3,2 @@ ctx',
      '+++ this added line starts with two pluses',
      '+second',
      '@@ -10 +12 @@',
      '-old',
      '+new',
      'diff --git gone.txt gone.txt',
      'deleted file mode 100644',
      '--- gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      'diff --git "t\\303\\251st\\tx" "t\\303\\251st\\tx"',
      '--- /dev/null',
      '+++ "t\\303\\251st\\tx"',
      '@@ -0,0 +1 @@',
      '+hi',
    ].join('\n');
    const added = parseAddedLines(diff);
    expect([...added.keys()]).toEqual(['a.txt', 'tést\tx']);
    expect([...added.get('a.txt')!]).toEqual([3, 4, 12]);
    expect([...added.get('tést\tx')!]).toEqual([1]);
  });
  it('unquotes C-style paths only', () => {
    expect(unquotePath('plain name')).toBe('plain name');
    expect(unquotePath('"a\\"b\\\\c"')).toBe('a"b\\c');
  });
});

describe('placeFindings', () => {
  let root: string;
  beforeEach(() => (root = tempDir('place')));
  afterEach(() => removeTemp(root));

  it('puts a secret still on an added line at the head inline, at its head line; the rest outside', async () => {
    const kept = fakeGithubToken();
    const removed = fakeGithubToken();
    const old = fakeGithubToken();
    const upstream = new Upstream(root);
    upstream.commit({ 'old.txt': `legacy=${old}\n`, 'app.js': 'one\n' }, 'base');
    const base = upstream.head();
    upstream.branch('feature');
    const first = upstream.commit({ 'app.js': `one\nconst t = "${kept}";\n`, 'tmp.txt': `x=${removed}\n` }, 'add');
    const head = upstream.commit({ 'app.js': `zero\none\nconst t = "${kept}";\n`, 'tmp.txt': 'x=\n' }, 'move and remove');
    const findings = [
      makeFinding(kept, { path: 'app.js', line: 2, commit: first }),
      makeFinding(removed, { path: 'tmp.txt', line: 1, commit: first }),
      makeFinding(old, { path: 'old.txt', line: 1 }),
    ];
    const placed = await placeFindings(findings, { cwd: upstream.dir, env: gitEnv, log: () => undefined }, base, head);
    expect(placed.inline.map((p) => [p.finding.path, p.line])).toEqual([['app.js', 3]]);
    expect(placed.outside.map((f) => f.path)).toEqual(['tmp.txt', 'old.txt']);
  });
});
