import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireTools } from '../../helpers/external-tools.js';
import { githubToken } from '../../helpers/tokens.js';
import {
  commitCount,
  everything,
  git,
  isolatedGitEnv,
  leakyClone,
  purgeTemp,
  refLines,
  refNames,
  stashLines,
} from '../../fix/purge-helpers.js';
import { cli } from './fix-helpers.js';

/**
 * Which values `unleak purge` removes by default (what `scan --history` finds, plus the store's
 * entries marked leaked), and `--dry-run` without git-filter-repo installed.
 */

const HAS_FILTER_REPO = requireTools('test/cli/fix/purge-defaults.test.ts', ['git-filter-repo']);

/** A repository where a token was committed and then deleted: only the history holds it. */
function deletedTokenRepo(env: NodeJS.ProcessEnv): { repo: string; token: string } {
  const token = githubToken();
  const repo = purgeTemp();
  git(repo, env, 'init', '-q');
  writeFileSync(join(repo, 'README.md'), '# app\n');
  writeFileSync(join(repo, 'settings.py'), `TOKEN = "${token}"\n`);
  git(repo, env, 'add', '-A');
  git(repo, env, 'commit', '-qm', 'settings');
  git(repo, env, 'rm', '-q', 'settings.py');
  git(repo, env, 'commit', '-qm', 'remove settings');
  return { repo, token };
}

/** A PATH with only git on it (git's own subcommands still work; git-filter-repo is not there). */
function pathWithoutFilterRepo(): string {
  const bin = purgeTemp('unleak-bin-');
  symlinkSync(execFileSync('which', ['git'], { encoding: 'utf8' }).trim(), join(bin, 'git'));
  return bin;
}

describe('unleak purge without git-filter-repo', () => {
  it('--dry-run still lists what would change (and says the real purge needs filter-repo); --yes says how to install it', async () => {
    const env = isolatedGitEnv(pathWithoutFilterRepo());
    const { repo, token } = deletedTokenRepo(env);
    expect(() => git(repo, env, 'filter-repo', '--version')).toThrow();
    const settings = git(repo, env, 'rev-parse', 'HEAD~1').trim();

    const dry = await cli(['purge', '--dry-run'], repo, env);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('Dry run: 2 of 2 commits would get new ids (1 holds a value; the others only descend from one).');
    expect(dry.out).toMatch(new RegExp(`${settings.slice(0, 12)} +holds a value +settings`));
    expect(dry.out).toMatch(/refs\/heads\/main .* → new commit/);
    expect(dry.err).toContain('the real purge needs git filter-repo');
    expect(`${dry.out}${dry.err}`.includes(token)).toBe(false);

    const real = await cli(['purge', '--yes'], repo, env);
    expect(real.code).toBe(2);
    expect(real.err).toContain('UNLEAK_FILTER_REPO_MISSING');
    expect(real.err).toContain('sudo apt-get install git-filter-repo');
    expect(everything(repo, env)).toContain(token);
  });
});

describe('unleak purge: which values by default', () => {
  it('takes what scan --history finds, with no store at all', async () => {
    const env = isolatedGitEnv();
    const { repo } = deletedTokenRepo(env);
    const dry = await cli(['purge', '--dry-run'], repo, env);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('unleak purge: 1 value to remove');
    expect(dry.out).toMatch(/GITHUB_TOKEN +ghp_…/);
  });

  it('adds the store entries marked leaked, even those no rule detects', async () => {
    const env = isolatedGitEnv();
    const { repo } = deletedTokenRepo(env);
    const password = randomBytes(12).toString('hex');
    writeFileSync(join(repo, 'notes.txt'), `the old password was ${password}\n`);
    git(repo, env, 'add', 'notes.txt');
    git(repo, env, 'commit', '-qm', 'notes');
    for (const argv of [
      ['keys', 'generate'],
      ['store', 'init'],
      ['secrets', 'set', 'OLD_PASSWORD', '--value', password, '--leaked'],
    ]) {
      const step = await cli(argv, repo, env);
      expect(step.code, step.err).toBe(0);
    }
    const dry = await cli(['purge', '--dry-run'], repo, env);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('unleak purge: 2 values to remove');
    expect(dry.out).toContain('OLD_PASSWORD');
    expect(dry.out).toContain('GITHUB_TOKEN');
    expect(`${dry.out}${dry.err}`.includes(password)).toBe(false);
  });

  it.runIf(HAS_FILTER_REPO)('purges a value only the history holds, keeping every ref and commit', async () => {
    const env = isolatedGitEnv();
    const { repo, token } = deletedTokenRepo(env);
    const refs = refNames(repo, env);
    const commits = commitCount(repo, env);
    const result = await cli(['purge', '--yes'], repo, env);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(`Kept: all ${refs.length} refs (git for-each-ref), all ${commits} commits (git rev-list --all --count).`);
    expect(result.out).toContain('GITHUB_TOKEN: not in the store: revoke it at its provider');
    expect(everything(repo, env)).not.toContain(token);
    expect(git(repo, env, 'show', 'HEAD~1:settings.py')).toBe('TOKEN = "***REMOVED:GITHUB_TOKEN***"\n');
    expect(refNames(repo, env)).toEqual(refs);
    expect((await cli(['scan', '--history'], repo, env)).code).toBe(0);
  });

  it.runIf(HAS_FILTER_REPO)(
    'on a clone with an unmerged fetched commit and stash entries: keeps them all, and the printed undo brings back the old ones',
    async () => {
      const env = isolatedGitEnv();
      const { clone, token, unmerged } = leakyClone(env);
      const refs = refLines(clone, env);
      const stash = stashLines(clone, env);
      const commits = Number(git(clone, env, 'rev-list', '--count', '--all', ...stash.map((line) => line.split(' ')[0] as string)).trim());
      const result = await cli(['purge', '--yes'], clone, env);
      expect(result.code, result.err).toBe(0);
      expect(result.out).toContain(
        `Kept: all ${refNames(clone, env).length} refs (git for-each-ref), all ${commits} commits (git rev-list --all --count, stash entries included) and all 3 stash entries.`,
      );
      expect(result.out).toMatch(/Verified: none of the 1 values is left/);
      expect(git(clone, env, 'log', '-1', '--format=%s', 'origin/main')).toBe('deploy script\n');
      expect(git(clone, env, 'merge-base', '--is-ancestor', 'main', 'origin/main')).toBe('');
      expect(stashLines(clone, env)).toHaveLength(3);
      expect(everything(clone, env)).not.toContain(token);
      expect(`${result.out}${result.err}`.includes(token)).toBe(false);

      const undo = /To undo the purge: (.+)$/m.exec(result.out)?.[1] as string;
      execFileSync('bash', ['-c', undo], { cwd: clone, env, stdio: 'pipe' });
      expect(refLines(clone, env)).toBe(refs);
      expect(stashLines(clone, env)).toEqual(stash);
      expect(git(clone, env, 'rev-parse', 'origin/main').trim()).toBe(unmerged);
    },
  );
});
