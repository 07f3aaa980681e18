import { describe, expect, it } from 'vitest';
import { stagedGit, startStagedGitEarly, type StagedStart } from '../../src/scan/staged-start.js';
import { gitEnv, TestRepo } from './git-fixture.js';

/**
 * src/cli.ts starts a staged scan's git before the CLI loads; the scan takes it only when it is
 * for the same pathspecs and context, and the CLI's release ends it when no scan took it.
 */
describe('git started early for a staged scan', { timeout: 60_000 }, () => {
  const repo = () => {
    const made = TestRepo.create().write({ 'a.js': 'const a = 1;\n', 'b.js': 'const b = 2;\n' });
    made.git('add', '-A');
    return made;
  };
  const paths = async (start: StagedStart) => (await start.listing).files.map((file) => file.path);

  it('is taken by the scan it was started for, once', async () => {
    const made = repo();
    const context = { cwd: made.dir, env: gitEnv() };
    const { start: started, release } = startStagedGitEarly(['a.js'], context);
    const taken = await stagedGit(['a.js'], context);
    expect(taken).toBe(started);
    release();
    expect(await paths(taken)).toEqual(['a.js']);
    const object = await taken.reader.read((await taken.listing).files[0]?.oid as string);
    expect(object.content?.toString()).toBe('const a = 1;\n');
    const again = await stagedGit(['a.js'], context);
    expect(again).not.toBe(started);
    await Promise.all([taken.reader.close(), again.reader.close()]);
  });

  it('is ended, and git started anew, for other pathspecs or another context', async () => {
    const made = repo();
    const context = { cwd: made.dir, env: gitEnv() };
    for (const [pathspecs, git] of [
      [['b.js'], context],
      [['a.js', 'b.js'], context],
      [['a.js'], { cwd: made.dir, env: { ...context.env } }],
    ] as const) {
      const { start: started, release } = startStagedGitEarly(['a.js'], context);
      const taken = await stagedGit(pathspecs, git);
      expect(taken).not.toBe(started);
      expect(await paths(taken)).toEqual([...pathspecs]);
      release();
      await expect(started.reader.read('HEAD')).rejects.toThrow();
      await taken.reader.close();
    }
  });

  it('is ended when no scan takes it (a usage error, help)', async () => {
    const made = repo();
    const context = { cwd: made.dir, env: gitEnv() };
    const { start: started, release } = startStagedGitEarly([], context);
    release();
    await expect(started.reader.read('HEAD')).rejects.toThrow();
    const fresh = await stagedGit([], context);
    expect(fresh).not.toBe(started);
    expect(await paths(fresh)).toEqual(['a.js', 'b.js']);
    await fresh.reader.close();
  });
});
