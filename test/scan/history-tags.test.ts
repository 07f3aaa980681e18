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
  redacted: string;
}

async function historyFindings(repo: TestRepo, args: string[] = []): Promise<{ code: number; findings: JsonFinding[] }> {
  const run = await runCli(['scan', '--history', ...args, '--format', 'json'], repo.dir, { env: gitEnv() });
  expect(run.code, run.stderr).toBeLessThan(2);
  return { code: run.code, findings: (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings };
}

/** A repository with one clean commit on main. */
function repoWithCommit(): TestRepo {
  const repo = TestRepo.create().write({ 'readme.md': 'hello\n' });
  repo.commitAll('initial');
  return repo;
}

/** Makes an annotated tag with a fixed tagger and date. */
function annotatedTag(repo: TestRepo, name: string, target: string, message: string): string {
  const ran = repo.run('git', ['tag', '-a', name, '-m', message, target], {
    env: { GIT_COMMITTER_NAME: 'Tina Tagger', GIT_COMMITTER_EMAIL: 'tina@example.test', GIT_COMMITTER_DATE: '2024-02-03T04:05:06+01:30' },
  });
  if (ran.code !== 0) throw new Error(ran.stderr);
  return repo.git('rev-parse', name).trim();
}

describe('unleak scan --history: tags', { timeout: 120_000 }, () => {
  it('scans a blob that only a lightweight tag reaches', async () => {
    const repo = repoWithCommit();
    const blob = repo.run('git', ['hash-object', '-w', '--stdin'], { input: `TOKEN=${githubToken()}\n` }).stdout.trim();
    repo.git('tag', 'keys', blob);
    const { code, findings } = await historyFindings(repo);
    expect(code).toBe(1);
    expect(findings).toEqual([expect.objectContaining({ path: '<tag keys>', line: 1, commit: blob })]);
  });

  it('scans the files of a tree that only an annotated tag reaches, attributed to the tag and its tagger', async () => {
    const repo = repoWithCommit();
    repo.write({ 'deploy/prod.env': `TOKEN=${githubToken()}\n` }).git('add', '-A');
    const tree = repo.git('write-tree').trim();
    repo.git('rm', '-q', '--cached', 'deploy/prod.env');
    const tag = annotatedTag(repo, 'snapshot', tree, 'snapshot of the deploy folder');
    const { code, findings } = await historyFindings(repo);
    expect(code).toBe(1);
    expect(findings).toEqual([
      expect.objectContaining({
        path: 'deploy/prod.env',
        line: 1,
        commit: tag,
        author: 'Tina Tagger',
        email: 'tina@example.test',
        date: '2024-02-03T04:05:06+01:30',
      }),
    ]);
    const text = await runCli(['scan', '--history'], repo.dir, { env: gitEnv() });
    expect(text.stdout).toContain('tag snapshot: snapshot of the deploy folder');
  });

  it('scans annotated tag messages (redacted in the report) and tags of tags', async () => {
    const repo = repoWithCommit();
    const token = githubToken();
    const inner = annotatedTag(repo, 'v1.0', 'HEAD', `release 1.0 built with ${token}`);
    annotatedTag(repo, 'v1.0-signed-off', 'v1.0', 'signed off');
    repo.git('tag', '-d', 'v1.0');
    const { code, findings } = await historyFindings(repo);
    expect(code).toBe(1);
    expect(findings).toEqual([
      expect.objectContaining({ path: '<tag message>', line: 1, commit: inner, author: 'Tina Tagger', date: '2024-02-03T04:05:06+01:30' }),
    ]);
    const text = await runCli(['scan', '--history'], repo.dir, { env: gitEnv() });
    expect(text.stdout).toContain(`tag v1.0: release 1.0 built with ${token.slice(0, 4)}…`);
    expect(text.stdout).not.toContain(token);
  });

  it("attributes a tagged commit's files to the commit, not the tag; --ref names a tag of a blob", async () => {
    const repo = TestRepo.create().write({ 'a.env': `TOKEN=${githubToken()}\n` });
    const commit = repo.commitAll('add env');
    annotatedTag(repo, 'v1', 'HEAD', 'first release');
    const blob = repo.run('git', ['hash-object', '-w', '--stdin'], { input: `KEY=${githubToken()}\n` }).stdout.trim();
    repo.git('tag', 'loose', blob);
    const all = await historyFindings(repo);
    expect(all.findings.map((f) => [f.path, f.commit])).toEqual([
      ['a.env', commit],
      ['<tag loose>', blob],
    ]);
    const onlyLoose = await historyFindings(repo, ['--ref', 'loose']);
    expect(onlyLoose.findings.map((f) => f.path)).toEqual(['<tag loose>']);
    const onlyV1 = await historyFindings(repo, ['--ref', 'v1']);
    expect(onlyV1.findings.map((f) => f.path)).toEqual(['a.env']);
  });
});
