import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { githubToken } from '../helpers/tokens.js';
import { gitEnv, TestRepo } from '../git/git-fixture.js';

interface JsonFinding {
  path: string;
  line: number;
  column: number;
  ruleId: string;
  redacted: string;
}
interface JsonReport {
  findings: JsonFinding[];
  stats: { mode: string; filesScanned: number; skippedBinary: number; skippedOther: number; suppressedByBaseline: number };
}

async function staged(repo: TestRepo, args: string[] = [], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  const run = await runCli(['scan', '--staged', '--format', 'json', ...args], options.cwd ?? repo.dir, { env: gitEnv(options.env) });
  return { ...run, report: run.stdout ? (JSON.parse(run.stdout) as JsonReport) : undefined };
}

const where = (report: JsonReport | undefined) => report?.findings.map((f) => `${f.path}:${f.line}:${f.column}`);

describe('unleak scan --staged', { timeout: 120_000 }, () => {
  it('scans the first commit of a repository (no HEAD yet)', async () => {
    const repo = TestRepo.create().write({ 'config.js': `const a = 1;\nconst token = "${githubToken()}";\n`, 'clean.txt': 'hello\n' });
    repo.git('add', '-A');
    const { code, report } = await staged(repo);
    expect(code).toBe(1);
    expect(where(report)).toEqual(['config.js:2:16']);
    expect(report?.stats.mode).toBe('staged');
    expect(report?.stats.filesScanned).toBe(2);
  });

  it('exits 0 when nothing is staged or the staged change is clean', async () => {
    const repo = TestRepo.create().write({ 'a.txt': 'one\n' });
    repo.commitAll('initial');
    expect((await staged(repo)).code).toBe(0);
    repo.write({ 'a.txt': 'one\ntwo\n' }).git('add', 'a.txt');
    expect((await staged(repo)).code).toBe(0);
  });

  it('does not block an unrelated edit of a file holding an old secret; --full-files scans it whole', async () => {
    const repo = TestRepo.create().write({ 'settings.py': `DEBUG = True\nTOKEN = "${githubToken()}"\n` });
    repo.commitAll('old secret');
    repo
      .write({
        'settings.py': `DEBUG = False\nTOKEN = ${JSON.stringify(repo.git('show', 'HEAD:settings.py').split('\n')[1]?.slice(9, -1))}\nNAME = "x"\n`,
      })
      .git('add', '-A');
    expect((await staged(repo)).code).toBe(0);
    const full = await staged(repo, ['--full-files']);
    expect(full.code).toBe(1);
    expect(where(full.report)).toEqual(['settings.py:2:10']);
  });

  it('reports a secret added to an existing file at its line in the staged file', async () => {
    const repo = TestRepo.create().write({ 'app.ts': 'line 1\nline 2\nline 3\n' });
    repo.commitAll('initial');
    repo.write({ 'app.ts': `line 1\nline 2\nconst k = '${githubToken()}';\nline 3\n` }).git('add', '-A');
    const { code, report } = await staged(repo);
    expect(code).toBe(1);
    expect(where(report)).toEqual(['app.ts:3:12']);
  });

  it('scans the index, not the working file: partial staging (git add -p)', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
    const repo = TestRepo.create().write({ 'big.txt': `${lines.join('\n')}\n` });
    repo.commitAll('initial');
    const withTwo = [...lines];
    withTwo.splice(30, 0, `late = "${githubToken()}"`);
    withTwo.splice(2, 0, `early = "${githubToken()}"`);
    repo.write({ 'big.txt': `${withTwo.join('\n')}\n` });
    const patch = repo.git('diff', '-U1', 'big.txt');
    const hunks = patch.split(/(?=^@@)/m);
    const firstHunkOnly = `${hunks[0]}${hunks[1]}`;
    repo.run('git', ['apply', '--cached', '-'], { input: firstHunkOnly });
    expect(repo.git('diff', '--cached', '--numstat')).toMatch(/^1\t0\tbig\.txt/);
    const { code, report } = await staged(repo);
    expect(code).toBe(1);
    expect(where(report)).toEqual(['big.txt:3:10']);
    repo.git('reset', '-q');
    expect((await staged(repo)).code, 'the unstaged secrets alone do not block').toBe(0);
  });

  it('follows renames: a renamed file with an old secret passes, a secret added while renaming is caught at the new path', async () => {
    const repo = TestRepo.create().write({ 'old/name.env': `A=1\nTOKEN=${githubToken()}\nB=2\nC=3\nD=4\n` });
    repo.commitAll('initial');
    mkdirSync(join(repo.dir, 'new'));
    repo.git('mv', 'old/name.env', 'new/name.env');
    expect((await staged(repo)).code).toBe(0);
    const text = repo.git('show', ':new/name.env');
    repo.write({ 'new/name.env': `${text}E=${githubToken()}\n` }).git('add', '-A');
    expect(repo.git('diff', '--cached', '--name-status', '-M')).toMatch(/^R\d+/);
    const { code, report } = await staged(repo);
    expect(code).toBe(1);
    expect(where(report)).toEqual(['new/name.env:6:3']);
  });

  it('concluding a merge: secrets the merged branch already holds do not block, one added in the merge does', async () => {
    const repo = TestRepo.create().write({ 'a.txt': 'a\n' });
    repo.commitAll('initial');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write({ 'feature.env': `T=${githubToken()}\n`, 'a.txt': `a\nS=${githubToken()}\n` });
    repo.commitAll('feature with secrets');
    repo.git('checkout', '-q', 'main');
    repo.write({ 'b.txt': 'b\n' });
    repo.commitAll('main work');
    repo.git('merge', '-q', '--no-ff', '--no-commit', 'feature');
    expect((await staged(repo)).code).toBe(0);
    repo.write({ 'feature.env': `${repo.git('show', ':feature.env')}U=${githubToken()}\n` }).git('add', '-A');
    const evil = await staged(repo);
    expect(evil.code).toBe(1);
    expect(where(evil.report)).toEqual(['feature.env:2:3']);
  });

  it('ignores deletions of files holding secrets', async () => {
    const repo = TestRepo.create().write({ 'leak.txt': `t=${githubToken()}\n`, 'keep.txt': 'k\n' });
    repo.commitAll('initial');
    repo.git('rm', '-q', 'leak.txt');
    expect((await staged(repo)).code).toBe(0);
  });

  it('skips binary files and submodules, and scans files whose .gitattributes hide their diff', async () => {
    const sub = TestRepo.create().write({ 'readme.md': 'sub\n' });
    sub.commitAll('sub');
    const repo = TestRepo.create().write({ 'blob.bin': Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`t=${githubToken()}`)]) });
    repo.run('git', ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'vendor/sub']);
    repo.git('add', '-A');
    const binary = await staged(repo);
    expect(binary.code).toBe(0);
    expect(binary.report?.stats.skippedBinary).toBe(1);
    expect(binary.report?.stats.skippedOther).toBe(1);
    repo.commit('binary and submodule');
    repo.write({ '.gitattributes': '*.secret -diff\n', 'keys.secret': `t=${githubToken()}\n` }).git('add', '-A');
    expect(repo.git('diff', '--cached', '--', 'keys.secret')).toContain('Binary files');
    const hidden = await staged(repo);
    expect(hidden.code).toBe(1);
    expect(where(hidden.report)).toEqual(['keys.secret:1:3']);
  });

  it('honours GIT_INDEX_FILE (the temporary index of git commit -a and git commit <paths>)', async () => {
    const repo = TestRepo.create().write({ 'a.txt': 'a\n' });
    repo.commitAll('initial');
    repo.write({ 'a.txt': `a\nt=${githubToken()}\n` });
    const index = join(repo.dir, '.git', 'other-index');
    repo.run('git', ['read-tree', 'HEAD'], { env: { GIT_INDEX_FILE: index } });
    repo.run('git', ['add', 'a.txt'], { env: { GIT_INDEX_FILE: index } });
    expect((await staged(repo)).code, 'the real index is clean').toBe(0);
    const temp = await staged(repo, [], { env: { GIT_INDEX_FILE: index } });
    expect(temp.code).toBe(1);
    expect(where(temp.report)).toEqual(['a.txt:2:3']);
  });

  it('reports paths from the repository top when run in a subfolder, and narrows to the given paths', async () => {
    const repo = TestRepo.create().write({ 'pkg/a/x.txt': `t=${githubToken()}\n`, 'pkg/b/y.txt': `t=${githubToken()}\n` });
    repo.git('add', '-A');
    const all = await staged(repo, [], { cwd: join(repo.dir, 'pkg') });
    expect(where(all.report)).toEqual(['pkg/a/x.txt:1:3', 'pkg/b/y.txt:1:3']);
    const narrowed = await staged(repo, ['b'], { cwd: join(repo.dir, 'pkg') });
    expect(where(narrowed.report)).toEqual(['pkg/b/y.txt:1:3']);
  });

  it('accepts inline allow markers and the baseline at the repository top', async () => {
    const repo = TestRepo.create().write({ 'a.txt': `t=${githubToken()} # unleak:allow\n` });
    repo.git('add', '-A');
    expect((await staged(repo)).code).toBe(0);
    repo.write({ 'b.txt': `t=${githubToken()}\n` }).git('add', '-A');
    expect((await staged(repo)).code).toBe(1);
    expect((await runCli(['baseline', 'create'], repo.dir, { env: gitEnv() })).code).toBe(0);
    const accepted = await staged(repo);
    expect(accepted.code).toBe(0);
    expect(accepted.report?.stats.suppressedByBaseline).toBe(1);
  });

  it('prints the block message on stderr: what (redacted), where, and the three ways out', async () => {
    const token = githubToken();
    const repo = TestRepo.create().write({ 'src/conf.js': `module.exports = { token: "${token}" };\n` });
    repo.git('add', '-A');
    const run = await runCli(['scan', '--staged'], repo.dir, { env: gitEnv() });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('src/conf.js');
    expect(run.stderr).toContain('1:28');
    expect(run.stderr).toContain(`${token.slice(0, 4)}…${token.slice(-2)}`);
    expect(run.stderr).toContain('commit blocked');
    for (const way of ['unleak fix', 'unleak:allow', 'unleak baseline create']) expect(run.stderr).toContain(way);
    expect(run.stderr).not.toContain(token);
    const quietClean = await runCli(['scan', '--staged', '--quiet'], TestRepo.create().dir, { env: gitEnv() });
    expect(quietClean).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 2 outside a repository, naming the problem', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const run = await runCli(['scan', '--staged'], mkdtempSync(join(tmpdir(), 'unleak-nogit-')), {
      env: gitEnv({ GIT_CEILING_DIRECTORIES: tmpdir() }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('UNLEAK_NOT_A_REPO');
  });
});
