import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { purge } from '../../src/fix/index.js';
import { requireTools } from '../helpers/external-tools.js';
import { githubToken } from '../helpers/tokens.js';
import { commitCount, everything, git, isolatedGitEnv, leakyClone, purgeTemp, refLines, refNames, stashLines } from './purge-helpers.js';

/**
 * A purge keeps every ref and every commit and only rewrites content: remote-tracking refs (with
 * fetched commits not merged locally), refs/remotes/origin/* without an origin remote, every stash
 * entry, tags; the backup bundle holds them all; a rewrite that loses anything is undone.
 */

const HAS_FILTER_REPO = requireTools('test/fix/purge-history.test.ts', ['git-filter-repo']);
const values = (token: string) => [{ name: 'GITHUB_TOKEN', value: token }];

describe.runIf(HAS_FILTER_REPO)('rewriteHistory with git filter-repo', () => {
  it('keeps an unmerged remote-tracking commit, the origin remote, tags and every stash entry, and removes the value from all of them', async () => {
    const env = isolatedGitEnv();
    const { clone, token, unmerged } = leakyClone(env);
    const names = refNames(clone, env);
    const commits = commitCount(clone, env);
    const stash = stashLines(clone, env);
    expect(stash).toHaveLength(3);
    expect(everything(clone, env)).toContain(token);

    const result = await purge.rewriteHistory(clone, values(token), { backup: join(purgeTemp(), 'backup.bundle'), env });

    expect(refNames(clone, env)).toEqual(names);
    expect(commitCount(clone, env)).toBe(commits);
    expect(result.stash).toBe(3);
    expect(result.after.commits).toBe(result.before.commits);
    const stashAfter = stashLines(clone, env);
    const message = (line: string) =>
      line
        .replace(/^\S+ /, '')
        .replace(/\b[0-9a-f]{7,40}\b/g, 'ID')
        .replace(token, '***REMOVED:GITHUB_TOKEN***');
    expect(stashAfter.map(message)).toEqual(stash.map(message));
    expect(stashAfter.join('\n')).not.toContain(token);
    expect(git(clone, env, 'show', 'stash@{1}:config.js')).toBe('module.exports = "***REMOVED:GITHUB_TOKEN***"; // stashed\n');
    expect(git(clone, env, 'show', 'stash@{2}:README.md')).toBe('# app\nfirst stash\n');
    expect(git(clone, env, 'show', 'origin/main:deploy.sh')).toBe('export TOKEN=***REMOVED:GITHUB_TOKEN***\n');
    expect(git(clone, env, 'log', '-1', '--format=%s', 'origin/main')).toBe('deploy script\n');
    expect(git(clone, env, 'rev-parse', 'origin/main')).not.toBe(unmerged);
    expect(git(clone, env, 'cat-file', '-p', 'v1')).toContain('release with ***REMOVED:GITHUB_TOKEN***');
    expect(git(clone, env, 'rev-parse', 'light^{commit}')).toBe(git(clone, env, 'rev-parse', 'main'));
    expect(git(clone, env, 'remote')).toBe('origin\n');
    expect(git(clone, env, 'symbolic-ref', 'refs/remotes/origin/HEAD')).toBe('refs/remotes/origin/main\n');
    expect(everything(clone, env)).not.toContain(token);
    expect((await purge.valuesInObjects(clone, values(token), env)).hits).toEqual([]);
    expect(git(clone, env, 'status', '--porcelain')).toBe('');
  });

  it('keeps refs/remotes/origin/* when there is no origin remote, and the refs of other remotes', async () => {
    const env = isolatedGitEnv();
    const { clone, token } = leakyClone(env);
    git(clone, env, 'remote', 'rename', 'origin', 'upstream');
    git(clone, env, 'update-ref', 'refs/remotes/origin/legacy', 'refs/remotes/upstream/main');
    git(clone, env, 'stash', 'clear');
    const names = refNames(clone, env);
    expect(names).toEqual(expect.arrayContaining(['refs/remotes/origin/legacy', 'refs/remotes/upstream/main']));
    const commits = commitCount(clone, env);

    await purge.rewriteHistory(clone, values(token), { backup: join(purgeTemp(), 'backup.bundle'), env });

    expect(refNames(clone, env)).toEqual(names);
    expect(commitCount(clone, env)).toBe(commits);
    expect(git(clone, env, 'show', 'refs/remotes/origin/legacy:deploy.sh')).toBe('export TOKEN=***REMOVED:GITHUB_TOKEN***\n');
    expect(git(clone, env, 'remote')).toBe('upstream\n');
    expect(everything(clone, env)).not.toContain(token);
  });

  it('keeps a commit that becomes empty and the merges around it', async () => {
    const env = isolatedGitEnv();
    const repo = purgeTemp();
    const [first, second] = [githubToken(), githubToken()];
    git(repo, env, 'init', '-q');
    writeFileSync(join(repo, 'a.txt'), `one ${first}\n`);
    git(repo, env, 'add', '-A');
    git(repo, env, 'commit', '-qm', 'add');
    git(repo, env, 'checkout', '-qb', 'side');
    writeFileSync(join(repo, 'a.txt'), `one ${second}\n`);
    git(repo, env, 'commit', '-qam', 'swap the value only');
    git(repo, env, 'checkout', '-q', 'main');
    git(repo, env, 'merge', '-q', '--no-ff', '-m', 'merge side', 'side');
    const commits = commitCount(repo, env);
    await purge.rewriteHistory(
      repo,
      [
        { name: 'TOKEN', value: first },
        { name: 'TOKEN', value: second },
      ],
      { backup: join(purgeTemp(), 'b.bundle'), env },
    );
    expect(commitCount(repo, env)).toBe(commits);
    expect(git(repo, env, 'log', '--topo-order', '--format=%s', 'main')).toBe('merge side\nswap the value only\nadd\n');
  });

  it('predicts in a dry run exactly the commits and refs git filter-repo rewrites', async () => {
    const env = isolatedGitEnv();
    const { clone, token } = leakyClone(env);
    const preview = await purge.previewPurge(clone, values(token), env);
    const refsBefore = new Map(
      refLines(clone, env)
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ') as [string, string]),
    );
    await purge.rewriteHistory(clone, values(token), { backup: join(purgeTemp(), 'backup.bundle'), env });
    const commitMap = readFileSync(join(clone, '.git', 'filter-repo', 'commit-map'), 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(/\s+/));
    const changed = commitMap
      .filter(([from, to]) => from !== to)
      .map(([from]) => from)
      .sort();
    expect(preview.rewritten.map((commit) => commit.old).sort()).toEqual(changed);
    expect(preview.commits).toBe(commitMap.length);
    const refsAfter = new Map(
      refLines(clone, env)
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ') as [string, string]),
    );
    const moved = [...refsBefore]
      .filter(([ref, id]) => refsAfter.get(ref) !== id)
      .map(([ref]) => ref)
      .sort();
    expect(preview.refs.map((ref) => ref.ref).sort()).toEqual(moved);
    expect(preview.rewritten.find((commit) => commit.holdsValue && commit.subject.startsWith('add config'))?.subject).toBe(
      'add config ***REMOVED:GITHUB_TOKEN***',
    );
  });
});

describe.runIf(HAS_FILTER_REPO)('the backup bundle', () => {
  it('holds every ref and stash entry: the printed restore command brings back the old history', async () => {
    const env = isolatedGitEnv();
    const { clone, token } = leakyClone(env);
    const refs = refLines(clone, env);
    const stash = stashLines(clone, env);
    const backup = join(purgeTemp(), 'backup.bundle');
    let stashInBundle = -1;
    await purge.rewriteHistory(clone, values(token), { backup, env, onBackup: (count) => (stashInBundle = count) });
    expect(stashInBundle).toBe(3);
    const heads = git(clone, env, 'bundle', 'list-heads', backup);
    for (const line of refs.split('\n').filter(Boolean)) expect(heads).toContain(line.split(' ').reverse().join(' '));
    for (const line of stash) expect(heads).toContain(line.split(' ')[0]);
    expect(everything(clone, env)).not.toContain(token);

    execFileSync('bash', ['-c', purge.restoreCommand(backup, true)], { cwd: clone, env, stdio: 'pipe' });
    expect(refLines(clone, env)).toBe(refs);
    expect(stashLines(clone, env)).toEqual(stash);
    expect(everything(clone, env)).toContain(token);
    expect(git(clone, env, 'status', '--porcelain')).toBe('');
  });
});

describe('rewriteHistory when the rewrite loses something', () => {
  it('fails loudly and restores every ref and stash entry from the bundle', async () => {
    const env = isolatedGitEnv();
    const { clone, token } = leakyClone(env);
    const refs = refLines(clone, env);
    const stash = stashLines(clone, env);
    const dropRemoteRefs = async (cwd: string) => {
      git(cwd, env, 'update-ref', '-d', 'refs/remotes/origin/main');
      git(cwd, env, 'update-ref', '-d', 'refs/stash');
      return undefined;
    };
    const run = purge.rewriteHistory(clone, values(token), { backup: join(purgeTemp(), 'backup.bundle'), env, rewrite: dropRemoteRefs });
    await expect(run).rejects.toMatchObject({
      code: 'UNLEAK_PURGE_UNVERIFIED',
      message: expect.stringContaining('refs/remotes/origin/main'),
    });
    await expect(run).rejects.toMatchObject({ message: expect.stringContaining('restored from the backup bundle') });
    expect(refLines(clone, env)).toBe(refs);
    expect(stashLines(clone, env)).toEqual(stash);
  });

  it('refuses to start over the stash refs of an interrupted purge, and its hint puts them back into the stash', async () => {
    const env = isolatedGitEnv();
    const { clone, token } = leakyClone(env);
    const commits = stashLines(clone, env).map((line) => line.split(' ')[0] as string);
    commits.forEach((commit, newestFirst) =>
      git(clone, env, 'update-ref', `refs/unleak-purge/stash/000${commits.length - 1 - newestFirst}`, commit),
    );
    git(clone, env, 'stash', 'clear');
    const refs = refLines(clone, env);
    const run = purge.rewriteHistory(clone, values(token), { backup: join(purgeTemp(), 'backup.bundle'), env });
    await expect(run).rejects.toMatchObject({ code: 'UNLEAK_PURGE_INTERRUPTED' });
    expect(refLines(clone, env)).toBe(refs);
    const hint = ((await run.catch((error: { hint: string }) => error)) as { hint: string }).hint.replace(/^[^:]*: /, '');
    execFileSync('bash', ['-c', hint], { cwd: clone, env, stdio: 'pipe' });
    expect(stashLines(clone, env).map((line) => line.split(' ')[0])).toEqual(commits);
    expect(refNames(clone, env).filter((ref) => ref.startsWith('refs/unleak-purge/'))).toEqual([]);
  });

  it.runIf(HAS_FILTER_REPO)('catches git filter-repo run with its defaults (which drop the fetched commit) and restores', async () => {
    const env = isolatedGitEnv();
    const { clone, token, unmerged } = leakyClone(env);
    const refs = refLines(clone, env);
    const expressions = join(purgeTemp(), 'expressions');
    writeFileSync(expressions, purge.replaceExpressions(values(token)));
    const defaults = async (cwd: string) => {
      git(cwd, env, 'filter-repo', '--force', '--replace-text', expressions);
      return undefined;
    };
    await expect(
      purge.rewriteHistory(clone, values(token), { backup: join(purgeTemp(), 'backup.bundle'), env, rewrite: defaults }),
    ).rejects.toMatchObject({ code: 'UNLEAK_PURGE_UNVERIFIED' });
    expect(refLines(clone, env)).toBe(refs);
    expect(git(clone, env, 'rev-parse', 'refs/remotes/origin/main').trim()).toBe(unmerged);
    expect(stashLines(clone, env)).toHaveLength(3);
  });
});
