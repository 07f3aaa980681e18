import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { githubToken } from '../helpers/tokens.js';
import { gitEnv, TestRepo } from '../git/git-fixture.js';

interface JsonFinding {
  path: string;
  line: number;
  commit?: string;
  author?: string;
  email?: string;
  date?: string;
  ruleId: string;
}
interface JsonReport {
  findings: JsonFinding[];
  stats: { mode: string; commitsScanned: number; blobsScanned: number; skippedBinary: number; skippedTooLarge: number };
}

async function scan(repo: TestRepo, args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = await runCli(['scan', ...args, '--format', 'json'], repo.dir, { env: gitEnv(env) });
  return { ...run, report: run.code < 2 ? (JSON.parse(run.stdout) as JsonReport) : undefined };
}

describe('unleak scan --history', { timeout: 120_000 }, () => {
  it('attributes a secret to the commit that introduced it (author, date, subject), deleted files included', async () => {
    const repo = TestRepo.create().write({ 'readme.md': 'hi\n' });
    repo.commitAll('initial');
    const token = githubToken();
    repo.write({ 'deploy/creds.env': `USER=x\nTOKEN=${token}\n` });
    const introducing = repo.commitAll('add deploy credentials', { author: 'Mallory Dev', email: 'mallory@example.test' });
    repo.write({ 'deploy/creds.env': `USER=y\nTOKEN=${token}\n` });
    repo.commitAll('change user');
    repo.remove('deploy/creds.env');
    repo.commitAll('remove credentials');
    const { code, report } = await scan(repo, ['--history']);
    expect(code).toBe(1);
    expect(report?.findings).toEqual([
      expect.objectContaining({
        path: 'deploy/creds.env',
        line: 2,
        commit: introducing,
        author: 'Mallory Dev',
        email: 'mallory@example.test',
        date: '2024-01-01T00:02:00+00:00',
      }),
    ]);
    expect(report?.stats.commitsScanned).toBe(4);
    const text = await runCli(['scan', '--history'], repo.dir, { env: gitEnv() });
    expect(text.stdout).toContain('add deploy credentials');
    expect(text.stdout).toContain('also in 1 other place');
    expect(text.stdout).not.toContain(token);
  });

  it('scans every ref by default (an unmerged branch too); --ref narrows', async () => {
    const repo = TestRepo.create().write({ 'a.txt': 'a\n' });
    repo.commitAll('initial');
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write({ 'topic.txt': `t=${githubToken()}\n` });
    const topic = repo.commitAll('topic work');
    repo.git('checkout', '-q', 'main');
    const all = await scan(repo, ['--history']);
    expect(all.report?.findings.map((f) => f.commit)).toEqual([topic]);
    expect((await scan(repo, ['--history', '--ref', 'main'])).code).toBe(0);
    expect((await scan(repo, ['--history', '--ref', 'topic'])).code).toBe(1);
  });

  it('scans commit messages and never prints their secrets', async () => {
    const repo = TestRepo.create().write({ 'a.txt': 'a\n' });
    repo.commitAll('initial');
    const token = githubToken();
    const commit = repo.commit(`use ${token} for the deploy`);
    const { report } = await scan(repo, ['--history']);
    expect(report?.findings).toEqual([expect.objectContaining({ path: '<commit message>', line: 1, commit })]);
    const text = await runCli(['scan', '--history'], repo.dir, { env: gitEnv() });
    expect(text.stdout).toContain(`use ${token.slice(0, 4)}…${token.slice(-2)} for the deploy`);
    expect(text.stdout).not.toContain(token);
  });

  it('attributes a secret that a merge commit brought in (an evil merge) to the merge', async () => {
    const repo = TestRepo.create().write({ 'a.txt': 'a\n' });
    repo.commitAll('initial');
    repo.git('checkout', '-q', '-b', 'side');
    repo.write({ 'side.txt': 'side\n' });
    repo.commitAll('side work');
    repo.git('checkout', '-q', 'main');
    repo.write({ 'main.txt': 'main\n' });
    repo.commitAll('main work');
    repo.git('merge', '-q', '--no-ff', '--no-commit', 'side');
    repo.write({ 'merge.txt': `t=${githubToken()}\n` }).git('add', '-A');
    const merge = repo.commit('merge side');
    const { report } = await scan(repo, ['--history']);
    expect(report?.findings.map((f) => [f.path, f.commit])).toEqual([['merge.txt', merge]]);
  });

  it('skips binary blobs and blobs over --max-file-size', async () => {
    const repo = TestRepo.create().write({
      'x.bin': Buffer.concat([Buffer.from([0, 0, 1]), Buffer.from(`t=${githubToken()}`)]),
      'big.txt': `${'x'.repeat(3000)}\nt=${githubToken()}\n`,
    });
    repo.commitAll('binary and big');
    const { code, report } = await scan(repo, ['--history', '--max-file-size', '2kb']);
    expect(code).toBe(0);
    expect(report?.stats).toMatchObject({ skippedBinary: 1, skippedTooLarge: 1 });
  });

  it('is clean (exit 0) on a repository without commits, and exits 2 outside one', async () => {
    expect((await scan(TestRepo.create(), ['--history'])).code).toBe(0);
    const bad = await runCli(['scan', '--history', '--ref', '--all'], TestRepo.create().dir, { env: gitEnv() });
    expect(bad.code).toBe(2);
  });
});

describe('unleak scan --range', { timeout: 120_000 }, () => {
  it('reports a secret added in one commit and removed in the next, with that commit', async () => {
    const repo = TestRepo.create().write({ 'app.js': 'let a = 1;\n' });
    const base = repo.commitAll('initial');
    repo.write({ 'app.js': `let a = 1;\nconst t = "${githubToken()}";\n` });
    const adding = repo.commitAll('oops', { author: 'Oscar', email: 'oscar@example.test' });
    repo.write({ 'app.js': 'let a = 1;\n' });
    repo.commitAll('remove it');
    const { code, report } = await scan(repo, ['--range', `${base}..HEAD`]);
    expect(code).toBe(1);
    expect(report?.findings).toEqual([
      expect.objectContaining({
        path: 'app.js',
        line: 2,
        commit: adding,
        author: 'Oscar',
        email: 'oscar@example.test',
        date: expect.any(String),
      }),
    ]);
    expect(report?.stats).toMatchObject({ mode: 'range', commitsScanned: 2 });
  });

  it('does not report a secret committed before the range when a range commit edits the same file', async () => {
    const repo = TestRepo.create().write({ 'cfg.ini': `[a]\ntoken=${githubToken()}\nname=x\n` });
    const base = repo.commitAll('old secret');
    repo.write({ 'cfg.ini': `[a]\n${repo.git('show', 'HEAD:cfg.ini').split('\n')[1]}\nname=y\n` });
    repo.commitAll('rename x');
    expect((await scan(repo, ['--range', `${base}..HEAD`])).code).toBe(0);
    expect((await scan(repo, ['--range', `${base}~0..HEAD`, '--ref', 'main'])).code).toBe(2);
  });

  it('exits 2 for an unknown base', async () => {
    const repo = TestRepo.create().write({ 'a.txt': 'a\n' });
    repo.commitAll('initial');
    const run = await runCli(['scan', '--range', 'nope..HEAD'], repo.dir, { env: gitEnv() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('UNLEAK_BAD_REVISION');
  });

  it('in a shallow clone that lacks the base, exits 2 and says to fetch more history', async () => {
    const origin = TestRepo.create().write({ 'a.txt': 'a\n' });
    const base = origin.commitAll('one');
    origin.write({ 'b.txt': `t=${githubToken()}\n` });
    origin.commitAll('two');
    origin.write({ 'c.txt': 'c\n' });
    origin.commitAll('three');
    const clone = TestRepo.create('unleak-shallow-');
    clone.git('fetch', '-q', '--depth', '1', `file://${origin.dir}`, 'main');
    clone.git('checkout', '-q', 'FETCH_HEAD');
    const missing = await runCli(['scan', '--range', `${base}..HEAD`], clone.dir, { env: gitEnv() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('UNLEAK_SHALLOW_CLONE');
    expect(missing.stderr).toMatch(/fetch/i);
    clone.git('fetch', '-q', '--depth', '2', `file://${origin.dir}`, 'main');
    clone.git('fetch', '-q', `file://${origin.dir}`, `${base}`);
    const boundary = await runCli(['scan', '--range', `${base}..HEAD`], clone.dir, { env: gitEnv() });
    expect(boundary.code, boundary.stderr).toBe(2);
    expect(boundary.stderr).toContain('edge of this shallow clone');
  });
});
