import { describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitLauncher, type LaunchedGit } from '../../src/sources/git-launcher.js';
import { gitRun, spawnGit } from '../../src/sources/git-process.js';
import { openSpoolFile } from '../../src/sources/object-spool.js';
import { gitEnv, TestRepo } from '../git/git-fixture.js';

function repoWithCommit(): TestRepo {
  const repo = TestRepo.create().write({ 'readme.md': 'hello\n' });
  repo.commitAll('initial');
  return repo;
}

/** Everything a launched git printed, and how it closed. */
async function finished(child: LaunchedGit): Promise<{ stdout: string; stderr: string; code: number | null }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (part: Buffer) => (stdout += part.toString()));
  child.stderr?.on('data', (part: Buffer) => (stderr += part.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)));
  return { stdout, stderr, code };
}

const posix = process.platform !== 'win32';

describe.runIf(posix)('git launcher (one shell starts several gits)', { timeout: 60_000 }, () => {
  it('runs each slot with its own stdout, stdin and exit status, and arguments reach git as given', async () => {
    const repo = repoWithCommit();
    const file = openSpoolFile();
    const odd = 'it\'s a "value"\nwith $HOME, `cmd` and \\ in it';
    const launcher = GitLauncher.open(
      { cwd: repo.dir, env: gitEnv() },
      {
        top: { args: ['rev-parse', '--show-toplevel'] },
        quoted: { args: ['-c', `unleak.test=${odd}`, 'config', 'unleak.test'] },
        batch: { args: ['cat-file', '--batch'], stdin: true },
        file: { args: ['log', '--format=%s'], stdoutFd: file.writeFd },
      },
    ) as GitLauncher;
    expect(launcher).toBeInstanceOf(GitLauncher);
    const top = launcher.start('top', ['rev-parse', '--show-toplevel']) as LaunchedGit;
    const quoted = launcher.start('quoted', ['-c', `unleak.test=${odd}`, 'config', 'unleak.test']) as LaunchedGit;
    const batch = launcher.start('batch', ['cat-file', '--batch']) as LaunchedGit;
    const toFile = launcher.start('file', ['log', '--format=%s']) as LaunchedGit;
    expect(launcher.start('top', ['rev-parse', '--show-toplevel']), 'a slot is taken once').toBeUndefined();
    batch.stdin?.end('HEAD:readme.md\n');
    const [topRan, quotedRan, batchRan, fileRan] = await Promise.all([finished(top), finished(quoted), finished(batch), finished(toFile)]);
    expect(topRan).toEqual({ stdout: `${repo.git('rev-parse', '--show-toplevel')}`, stderr: '', code: 0 });
    expect(quotedRan.stdout).toBe(`${odd}\n`);
    expect(batchRan.code).toBe(0);
    expect(batchRan.stdout).toMatch(/^[0-9a-f]{40} blob 6\nhello\n\n$/);
    expect(fileRan.code).toBe(0);
    expect(toFile.stdout, 'stdout given as a file').toBeNull();
    expect(readFileSync(`/proc/self/fd/${file.readFd}`, 'utf8')).toBe('initial\n');
    closeSync(file.readFd);
    closeSync(file.writeFd);
  });

  it("reports a failing git's exit status and stderr, and spawnGit and gitRun in a slot behave as with a process of their own", async () => {
    const repo = repoWithCommit();
    const options = { cwd: repo.dir, env: gitEnv() };
    const args = ['log', 'no-such-revision'];
    const launcher = GitLauncher.open(options, { bad: { args }, run: { args } }) as GitLauncher;
    const direct = await gitRun(args, options);
    const launched = await gitRun(args, { ...options, launch: { launcher, slot: 'run' } });
    expect(launched).toEqual(direct);
    expect(launched.code).toBe(128);
    expect(launched.stderr).toContain("ambiguous argument 'no-such-revision'");
    const proc = spawnGit(args, { ...options, launch: { launcher, slot: 'bad' } });
    await expect(proc.done).rejects.toMatchObject({ code: 'UNLEAK_GIT_FAILED', message: expect.stringContaining('no-such-revision') });
  });

  it('stops a git by kill (before or after it runs), by an abort signal, and by release when nobody took it', async () => {
    const repo = repoWithCommit();
    const options = { cwd: repo.dir, env: gitEnv() };
    const waiting = { args: ['cat-file', '--batch'], stdin: true };
    const launcher = GitLauncher.open(options, { early: waiting, late: waiting, aborted: waiting }) as GitLauncher;
    const early = launcher.start('early', waiting.args) as LaunchedGit;
    expect(early.kill(), 'before its pid is known').toBe(true);
    const late = launcher.start('late', waiting.args) as LaunchedGit;
    const lateClosed = finished(late);
    const stop = new AbortController();
    const aborted = spawnGit(waiting.args, { ...options, stdin: true, signal: stop.signal, launch: { launcher, slot: 'aborted' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    late.kill();
    stop.abort();
    // Each of these waits on stdin, which stays open: only a signal ends them.
    expect((await finished(early)).code).toBe(143);
    expect((await lateClosed).code).toBe(143);
    await expect(aborted.done, 'ended by its signal (as a process of its own: a failure)').rejects.toMatchObject({
      code: 'UNLEAK_GIT_FAILED',
    });
    const other = GitLauncher.open(options, { untaken: waiting }) as GitLauncher;
    expect(other.start('untaken', ['cat-file', '--batch-check']), 'other arguments: the caller starts its own').toBeUndefined();
    const shellEnded = new Promise((resolve) => (other as unknown as { shell: NodeJS.EventEmitter }).shell.on('close', resolve));
    other.release();
    await shellEnded;
  });

  it('fails its gits as a failed spawn fails where the shell cannot start', async () => {
    const repo = repoWithCommit();
    const options = { cwd: `${repo.dir}/missing-folder`, env: gitEnv() };
    const args = ['rev-parse', '--show-toplevel'];
    const launcher = GitLauncher.open(options, { top: { args } }) as GitLauncher;
    const direct = gitRun(args, options);
    const launched = gitRun(args, { ...options, launch: { launcher, slot: 'top' } });
    await expect(direct).rejects.toMatchObject({ code: 'UNLEAK_GIT_FAILED' });
    await expect(launched).rejects.toMatchObject({ code: 'UNLEAK_GIT_FAILED', message: expect.stringContaining('ENOENT') });
  });

  it('fails a git that is not on the PATH as a failed spawn does (not as a failed git)', async () => {
    const repo = repoWithCommit();
    const options = { cwd: repo.dir, env: gitEnv({ PATH: mkdtempSync(join(tmpdir(), 'unleak-no-git-')) }) };
    const args = ['rev-parse', '--show-toplevel'];
    const launcher = GitLauncher.open(options, { top: { args } }) as GitLauncher;
    const direct = gitRun(args, options);
    const launched = gitRun(args, { ...options, launch: { launcher, slot: 'top' } });
    await expect(direct).rejects.toMatchObject({ code: 'UNLEAK_GIT_FAILED', message: 'git rev-parse failed: spawn git ENOENT' });
    await expect(launched).rejects.toMatchObject({ code: 'UNLEAK_GIT_FAILED', message: 'git rev-parse failed: spawn git ENOENT' });
  });
});
