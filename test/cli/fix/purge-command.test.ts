import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, tempRepo } from '../../helpers/cli.js';
import { githubToken } from '../../helpers/tokens.js';
import { requireTools } from '../../helpers/external-tools.js';
import { tempDir } from '../../store/helpers.js';
import { cli, isolatedEnv } from './fix-helpers.js';

/** `unleak purge` on real repositories with the real git-filter-repo. */

const HAS_FILTER_REPO = requireTools('test/cli/fix/purge-command.test.ts', ['git-filter-repo']);

/** Everything git knows, as text: every commit's patch and message on every ref. */
const history = (repo: string) => gitIn(repo, 'log', '--all', '-p', '--format=%H %s%n%b');
const refs = (repo: string) => gitIn(repo, 'for-each-ref', '--format=%(refname) %(objectname)');

/** A repository whose history leaked a token (in a file, a commit message, a tag and a branch) and a private key; then `unleak fix` and a commit. */
async function leakedRepo(env: NodeJS.ProcessEnv): Promise<{ repo: string; token: string; key: string }> {
  const token = githubToken();
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const repo = tempRepo({ 'README.md': '# app\n' });
  writeFileSync(join(repo, 'config.js'), `module.exports = "${token}";\n`);
  mkdirSync(join(repo, 'deploy'));
  writeFileSync(join(repo, 'deploy/key.pem'), key);
  gitIn(repo, 'add', '-A');
  gitIn(repo, 'commit', '-qm', `add config with ${token}`);
  gitIn(repo, 'tag', '-a', 'v1', '-m', 'release v1');
  gitIn(repo, 'branch', 'feature');
  const fix = await cli(['fix', '--yes'], repo, env);
  expect(fix.code, fix.err).toBe(0);
  gitIn(repo, 'add', '-A');
  gitIn(repo, 'commit', '-qm', 'move secrets into the unleak store');
  return { repo, token, key };
}

describe.runIf(HAS_FILTER_REPO)('unleak purge', () => {
  it('needs --yes, refuses a dirty tree, and --dry-run lists what would change without changing it', async () => {
    const env = isolatedEnv();
    const { repo, token } = await leakedRepo(env);
    const before = refs(repo);
    const noYes = await cli(['purge'], repo, env);
    expect(noYes.code).toBe(2);
    expect(noYes.err).toContain('UNLEAK_CONFIRMATION_REQUIRED');
    writeFileSync(join(repo, 'README.md'), 'changed\n');
    const dirty = await cli(['purge', '--yes'], repo, env);
    expect(dirty.code).toBe(2);
    expect(dirty.err).toContain('UNLEAK_PURGE_DIRTY_TREE');
    expect(dirty.err).toContain('README.md');
    gitIn(repo, 'checkout', '--', 'README.md');

    const dry = await cli(['purge', '--dry-run'], repo, env);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('GITHUB_TOKEN');
    expect(dry.out).toContain('PRIVATE_KEY');
    expect(dry.out).toContain('Dry run: 2 of 3 commits would get new ids (1 holds a value; the others only descend from one).');
    expect(dry.out).toMatch(/holds a value +add config with \*\*\*REMOVED:GITHUB_TOKEN\*\*\*/);
    expect(dry.out).toMatch(/descendant +move secrets into the unleak store/);
    expect(dry.out).toMatch(/refs\/heads\/feature .* → new commit/);
    expect(dry.out).toMatch(/refs\/tags\/v1 .* → new commit/);
    expect(`${dry.out}${dry.err}`.includes(token)).toBe(false);
    expect(refs(repo)).toBe(before);
    expect(history(repo).includes(token)).toBe(true);
    const gitDir = join(repo, '.git');
    expect(readdirSync(gitDir).filter((name) => name.startsWith('unleak-'))).toEqual([]);
  });

  it('rewrites every ref after writing a backup, proves the values are gone, and the backup restores the old history', async () => {
    const env = isolatedEnv();
    const { repo, token, key } = await leakedRepo(env);
    const result = await cli(['purge', '--yes'], repo, env);
    expect(result.code, result.err).toBe(0);
    expect(`${result.out}${result.err}`.includes(token)).toBe(false);
    const backup = /Backup of every ref written to (.+\.bundle)/.exec(result.out)?.[1] as string;
    expect(existsSync(backup)).toBe(true);
    expect(result.out).toMatch(/Verified: none of the 2 values is left in any of the \d+ objects/);
    expect(result.out).toContain('unleak scan --history: none of the purged values is reported in any commit.');
    expect(result.out).toContain('git push --force --all && git push --force --tags');
    expect(result.out).toContain('Every collaborator re-clones');
    expect(result.out).toContain('unleak rotate GITHUB_TOKEN');

    const now = history(repo);
    expect(now.includes(token)).toBe(false);
    expect(now.includes(key.split('\n')[1] as string)).toBe(false);
    expect(now).toContain('add config with ***REMOVED:GITHUB_TOKEN***');
    expect(gitIn(repo, 'show', 'v1:config.js')).toBe('module.exports = "***REMOVED:GITHUB_TOKEN***";\n');
    expect(gitIn(repo, 'show', 'feature:deploy/key.pem')).toBe('***REMOVED:PRIVATE_KEY***');
    expect((await cli(['scan', '--history'], repo, env)).code).toBe(0);
    expect(gitIn(repo, 'status', '--porcelain')).toBe('');

    const restore = /To undo the purge: (.+)$/m.exec(result.out)?.[1] as string;
    execFileSync('bash', ['-c', restore], { cwd: repo, stdio: 'pipe' });
    expect(history(repo).includes(token)).toBe(true);
  });

  it('--report purges the values of a history scan report, each verified in its commit', async () => {
    const env = isolatedEnv();
    const token = githubToken();
    const repo = tempRepo({ 'a.txt': `token=${token}\n` });
    gitIn(repo, 'rm', '-q', 'a.txt');
    gitIn(repo, 'commit', '-qm', 'remove it');
    const report = await cli(['scan', '--history', '--format', 'json', '-o', join(tempDir('unleak-report-'), 'r.json')], repo, env);
    expect(report.code).toBe(1);
    const file = /report written to (.+)$/m.exec(report.err)?.[1] as string;
    const result = await cli(['purge', '--report', file, '--yes'], repo, env);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('GITHUB_TOKEN');
    expect(history(repo).includes(token)).toBe(false);
  });
});
