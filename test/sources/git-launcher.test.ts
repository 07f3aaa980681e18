import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitLauncher, type LaunchedGit } from '../../src/sources/git-launcher.js';
import { gitRun, spawnGit } from '../../src/sources/git-process.js';
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
  it('runs each slot with its own stdout and exit status, and arguments reach git as given', async () => {
    const repo = repoWithCommit();
    const odd = 'it\'s a "value"\nwith $HOME, `cmd` and \\ in it';
    const specs = {
      top: { args: ['rev-parse', '--show-toplevel'] },
      quoted: { args: ['-c', `unleak.test=${odd}`, 'config', 'unleak.test'] },
      log: { args: ['log', '--format=%s'] },
    };
    const launcher = GitLauncher.open({ cwd: repo.dir, env: gitEnv() }, specs) as GitLauncher;
    expect(launcher).toBeInstanceOf(GitLauncher);
    const top = launcher.start('top', specs.top.args) as LaunchedGit;
    const quoted = launcher.start('quoted', specs.quoted.args) as LaunchedGit;
    const log = launcher.start('log', specs.log.args) as LaunchedGit;
    expect(launcher.start('top', specs.top.args), 'a slot is taken once').toBeUndefined();
    const [topRan, quotedRan, logRan] = await Promise.all([finished(top), finished(quoted), finished(log)]);
    expect(topRan).toEqual({ stdout: `${repo.git('rev-parse', '--show-toplevel')}`, stderr: '', code: 0 });
    expect(quotedRan).toEqual({ stdout: `${odd}\n`, stderr: '', code: 0 });
    expect(logRan).toEqual({ stdout: 'initial\n', stderr: '', code: 0 });
  });

  it('keeps each output whole until it is read, however late, and lets the shell end once all are read or released', async () => {
    const repo = repoWithCommit();
    const specs = { top: { args: ['rev-parse', '--show-toplevel'] }, log: { args: ['log', '--format=%s'] }, untaken: { args: ['log'] } };
    const launcher = GitLauncher.open({ cwd: repo.dir, env: gitEnv() }, specs) as GitLauncher;
    const top = launcher.start('top', specs.top.args) as LaunchedGit;
    const log = launcher.start('log', specs.log.args) as LaunchedGit;
    const shell = (launcher as unknown as { shell: NodeJS.EventEmitter }).shell;
    let shellEnded = false;
    shell.on('exit', () => (shellEnded = true));
    // Every git has ended by now; a shell that exited would have had Node drain (and drop) these outputs.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await finished(log)).toEqual({ stdout: 'initial\n', stderr: '', code: 0 });
    expect(await finished(top)).toEqual({ stdout: repo.git('rev-parse', '--show-toplevel'), stderr: '', code: 0 });
    expect(shellEnded, 'a slot is still untaken').toBe(false);
    launcher.release();
    await new Promise((resolve) => shell.on('exit', resolve));
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

  it('stops a git by kill (before or after it runs), by an abort signal, by release when nobody took it, and when its pipe breaks', async () => {
    const repo = TestRepo.create().write({ 'big.txt': 'x'.repeat(4 << 20) });
    repo.commitAll('big');
    const options = { cwd: repo.dir, env: gitEnv() };
    // 4 MB into a pipe nobody reads: git waits until it is stopped.
    const blocked = { args: ['cat-file', '-p', 'HEAD:big.txt'] };
    const launcher = GitLauncher.open(options, { early: blocked, late: blocked, aborted: blocked, broken: blocked }) as GitLauncher;
    const early = launcher.start('early', blocked.args) as LaunchedGit;
    expect(early.kill(), 'before its pid is known').toBe(true);
    const late = launcher.start('late', blocked.args) as LaunchedGit;
    const stop = new AbortController();
    const aborted = spawnGit(blocked.args, { ...options, signal: stop.signal, launch: { launcher, slot: 'aborted' } });
    const broken = launcher.start('broken', blocked.args) as LaunchedGit;
    let brokenStderr = '';
    broken.stderr?.on('data', (part: Buffer) => (brokenStderr += part.toString()));
    const brokenClosed = new Promise((resolve) => broken.on('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 300));
    late.kill();
    stop.abort();
    broken.stdout?.destroy();
    expect((await finished(early)).code).toBe(143);
    expect((await finished(late)).code).toBe(143);
    aborted.stdout.resume();
    await expect(aborted.done, 'ended by its signal (as a process of its own: a failure)').rejects.toMatchObject({
      code: 'UNLEAK_GIT_FAILED',
    });
    // What stops a launched git once unleak is gone (Ctrl-C does not reach it): its pipe breaks.
    expect(await brokenClosed).toBe(128);
    expect(brokenStderr).toContain('to stdout');
    const other = GitLauncher.open(options, { untaken: blocked }) as GitLauncher;
    expect(other.start('untaken', ['cat-file', '-s', 'HEAD:big.txt']), 'other arguments: the caller starts its own').toBeUndefined();
    const shellEnded = new Promise((resolve) => (other as unknown as { shell: NodeJS.EventEmitter }).shell.on('exit', resolve));
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
