import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { gitEnv, TestRepo } from '../git/git-fixture.js';

/** An object id the repository does not have (the index of a damaged repository, or `update-index --cacheinfo`). */
const ABSENT = '1234567890123456789012345678901234567890';

async function staged(repo: TestRepo, args: string[] = []) {
  return runCli(['scan', '--staged', ...args], repo.dir, { env: gitEnv() });
}

describe('scan --staged with a staged blob missing from the object store', { timeout: 120_000 }, () => {
  it('exits 2 naming the path and saying the object is missing, --skip-unreadable or not', async () => {
    const repo = TestRepo.create().write({ 'a.txt': 'one\n' });
    repo.commitAll('initial');
    repo.git('update-index', '--cacheinfo', `100644,${ABSENT},a.txt`);
    for (const args of [[], ['--skip-unreadable'], ['--full-files']]) {
      const run = await staged(repo, args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(`UNLEAK_UNREADABLE: the staged content of a.txt (blob ${ABSENT}) is missing from the object store`);
      expect(run.stderr).toContain('git fsck');
    }
  });

  it('names the path when rename detection is what meets the missing blob first (a file deleted and another added)', async () => {
    const repo = TestRepo.create().write({ 'old.txt': 'one\ntwo\nthree\n' });
    repo.commitAll('initial');
    repo.git('rm', '-q', '--cached', 'old.txt');
    repo.git('update-index', '--add', '--cacheinfo', `100644,${ABSENT},new.txt`);
    const run = await staged(repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the staged content of new.txt (blob ${ABSENT}) is missing from the object store`);
    expect(run.stderr).not.toContain('UNLEAK_GIT_FAILED');
  });
});
