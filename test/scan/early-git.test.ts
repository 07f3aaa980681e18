import { describe, expect, it } from 'vitest';
import {
  gitTopLevel,
  listGitPaths,
  listPackOrder,
  listRefTargets,
  repoInfo,
  startHistoryGit,
  startTreeGit,
} from '../../src/sources/index.js';
import { takeEarly } from '../../src/sources/early-answers.js';
import { ObjectSpool } from '../../src/sources/object-spool.js';
import { commitLogArgs, HISTORY_LOG_REVS, streamCommitLog } from '../../src/sources/commit-log.js';
import { gitEnv, TestRepo } from '../git/git-fixture.js';

function repoWithCommit(): TestRepo {
  const repo = TestRepo.create().write({ 'readme.md': 'hello\n' });
  repo.commitAll('initial');
  return repo;
}

describe('git answers asked ahead of a history scan', { timeout: 60_000 }, () => {
  it('are taken once by the calls with the same folder and environment, which then ask git themselves', async () => {
    const repo = repoWithCommit();
    const options = { cwd: repo.dir, env: gitEnv() };
    const early = startHistoryGit(options, { refs: true });
    try {
      expect(takeEarly('repo-info', { cwd: repo.dir, env: gitEnv() })).toBeUndefined();
      const [info, listing, refs] = await Promise.all([repoInfo(options), listPackOrder(options), listRefTargets(options)]);
      expect(info).toEqual(await early.info);
      expect(info.workTree).toBe(true);
      expect(listing.count).toBe(1);
      expect(refs.map((ref) => ref.ref)).toEqual(['refs/heads/main']);
      expect(takeEarly('repo-info', options)).toBeUndefined();
      expect(takeEarly('pack-order', options)).toBeUndefined();
      expect(await repoInfo(options)).toEqual(info);
    } finally {
      early.release();
    }
  });

  it('are dropped by release when nobody took them, and only the refs asked for are started', async () => {
    const repo = repoWithCommit();
    const options = { cwd: repo.dir, env: gitEnv() };
    const early = startHistoryGit(options, { refs: false });
    expect(takeEarly('ref-targets', options)).toBeUndefined();
    early.release();
    expect(takeEarly('repo-info', options)).toBeUndefined();
    expect(takeEarly('pack-order', options)).toBeUndefined();
    expect((await listPackOrder(options)).count).toBe(1);
  });

  it('start the blob reader with spool: it reads objects once taken, and release ends one nobody took', async () => {
    const repo = repoWithCommit();
    const options = { cwd: repo.dir, env: gitEnv() };
    const blob = repo.git('rev-parse', 'HEAD:readme.md').trim();
    const early = startHistoryGit(options, { refs: false, spool: true });
    const spool = await takeEarly<ObjectSpool | undefined>('spool', options);
    early.release();
    expect(spool).toBeInstanceOf(ObjectSpool);
    const read: string[] = [];
    for await (const object of (spool as ObjectSpool).read([{ oid: blob, size: 6 }])) read.push(object.content?.toString() ?? '');
    (spool as ObjectSpool).close();
    expect(read, 'a reader taken is not ended by release').toEqual(['hello\n']);
    const untaken = startHistoryGit(options, { refs: false, spool: true });
    untaken.release();
    expect(takeEarly('spool', options), 'dropped (and ended) by release').toBeUndefined();
    const without = startHistoryGit(options, { refs: false });
    expect(takeEarly('spool', options), 'none without spool').toBeUndefined();
    without.release();
  });

  it("start the whole history's log with refs, taken by the walk over the same revisions", async () => {
    const repo = repoWithCommit();
    repo.write({ 'later.md': 'later\n' }).commitAll('second');
    const options = { cwd: repo.dir, env: gitEnv() };
    const key = commitLogArgs(HISTORY_LOG_REVS).join('\0');
    const without = startHistoryGit(options, { refs: false });
    expect(takeEarly('commit-log', options, key), 'none without refs').toBeUndefined();
    without.release();
    const early = startHistoryGit(options, { refs: true });
    try {
      const subjects: string[] = [];
      for await (const commit of streamCommitLog(HISTORY_LOG_REVS, options)) subjects.push(commit.message.trim());
      expect(subjects, 'oldest first').toEqual(['initial', 'second']);
      expect(takeEarly('commit-log', options, key), 'taken by the walk').toBeUndefined();
      const again: string[] = [];
      for await (const commit of streamCommitLog(HISTORY_LOG_REVS, options)) again.push(commit.message.trim());
      expect(again, 'a second walk starts its own git').toEqual(subjects);
    } finally {
      early.release();
    }
  });

  it('of a working-tree scan: the top and the listing of the same pathspecs', async () => {
    const repo = repoWithCommit().write({ 'notes.txt': 'untracked\n' });
    const env = gitEnv();
    const release = startTreeGit(repo.dir, ['notes.txt'], env);
    try {
      expect(takeEarly('git-paths', { cwd: repo.dir, env })).toBeUndefined();
      expect(await gitTopLevel(repo.dir, env)).toBe(await gitTopLevel(repo.dir, gitEnv()));
      expect((await listGitPaths(repo.dir, ['notes.txt'], env)).map((file) => file.path)).toEqual(['notes.txt']);
      expect(takeEarly('top-level', { cwd: repo.dir, env })).toBeUndefined();
      expect(takeEarly('git-paths', { cwd: repo.dir, env }, 'notes.txt')).toBeUndefined();
      expect((await listGitPaths(repo.dir, [], env)).map((file) => file.path)).toEqual(['notes.txt', 'readme.md']);
    } finally {
      release();
    }
  });

  it('carry the error of a folder outside git to the call that takes it', async () => {
    const options = { cwd: TestRepo.create().dir + '/..', env: gitEnv({ GIT_CEILING_DIRECTORIES: '/' }) };
    const early = startHistoryGit(options, { refs: true });
    try {
      await expect(repoInfo(options)).rejects.toMatchObject({ code: 'UNLEAK_NOT_A_REPO' });
    } finally {
      early.release();
    }
  });
});
