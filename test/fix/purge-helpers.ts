import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { githubToken } from '../helpers/tokens.js';

/**
 * Real repositories for the purge tests, with git isolated from the machine: no system config
 * (GIT_CONFIG_NOSYSTEM), a global config file of our own in a temp folder (never /dev/null, never
 * ~), and HOME pointing into that folder.
 */

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test file. */
export function purgeTemp(prefix = 'unleak-purge-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** An environment whose git reads only a config file written here (identity, default branch). */
export function isolatedGitEnv(path = process.env.PATH): NodeJS.ProcessEnv {
  const home = purgeTemp('unleak-purge-home-');
  const config = join(home, 'gitconfig');
  writeFileSync(
    config,
    '[user]\n\tname = Purge Test\n\temail = purge@example.test\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n',
  );
  return {
    PATH: path,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: config,
    NO_COLOR: '1',
  };
}

/** Runs git in `cwd` with `env`; returns stdout. */
export function git(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Every ref as `name oid`, one a line (symbolic refs resolved). */
export const refLines = (cwd: string, env: NodeJS.ProcessEnv) => git(cwd, env, 'for-each-ref', '--format=%(refname) %(objectname)');

/** The ref names only. */
export const refNames = (cwd: string, env: NodeJS.ProcessEnv) =>
  git(cwd, env, 'for-each-ref', '--format=%(refname)').split('\n').filter(Boolean);

/** `git rev-list --all --count`. */
export const commitCount = (cwd: string, env: NodeJS.ProcessEnv) => Number(git(cwd, env, 'rev-list', '--all', '--count').trim());

/** Every stash entry as `commit message`, newest first (the whole reflog, not just refs/stash). */
export function stashLines(cwd: string, env: NodeJS.ProcessEnv): string[] {
  if (!refNames(cwd, env).includes('refs/stash')) return [];
  return git(cwd, env, 'reflog', 'show', '--format=%H %gs', 'refs/stash', '--').split('\n').filter(Boolean);
}

/** Everything git holds as text on every ref and stash entry: patches and messages. */
export function everything(cwd: string, env: NodeJS.ProcessEnv): string {
  const stash = stashLines(cwd, env).map((line) => line.split(' ')[0] as string);
  return git(cwd, env, 'log', '--all', ...stash, '-p', '--format=%H %B', '--');
}

function commitFile(repo: string, env: NodeJS.ProcessEnv, file: string, text: string, message: string): void {
  writeFileSync(join(repo, file), text);
  git(repo, env, 'add', file);
  git(repo, env, 'commit', '-qm', message);
}

/** A clone whose history leaked a token everywhere a purge must reach and keep. */
export interface LeakyClone {
  upstream: string;
  clone: string;
  token: string;
  /** The fetched commit on origin/main that the local main does not have. */
  unmerged: string;
}

/**
 * An upstream repository and a clone of it: the token is in a file and a commit message; upstream
 * then gets another commit holding the token, fetched but not merged by the clone; the clone has
 * three stash entries (one of them holding the token), a lightweight and an annotated tag, and a
 * local branch.
 */
export function leakyClone(env: NodeJS.ProcessEnv): LeakyClone {
  const token = githubToken();
  const upstream = purgeTemp();
  git(upstream, env, 'init', '-q');
  commitFile(upstream, env, 'README.md', '# app\n', 'initial');
  commitFile(upstream, env, 'config.js', `module.exports = "${token}";\n`, `add config ${token}`);
  const clone = join(purgeTemp(), 'clone');
  git(upstream, env, 'clone', '-q', '--no-local', upstream, clone);
  commitFile(upstream, env, 'deploy.sh', `export TOKEN=${token}\n`, 'deploy script');
  git(clone, env, 'fetch', '-q', 'origin');
  const unmerged = git(clone, env, 'rev-parse', 'refs/remotes/origin/main').trim();
  git(clone, env, 'tag', 'light');
  git(clone, env, 'tag', '-a', 'v1', '-m', `release with ${token}`);
  git(clone, env, 'branch', 'feature');
  writeFileSync(join(clone, 'README.md'), '# app\nfirst stash\n');
  git(clone, env, 'stash', '-q');
  writeFileSync(join(clone, 'config.js'), `module.exports = "${token}"; // stashed\n`);
  git(clone, env, 'stash', 'push', '-q', '-m', 'second stash');
  writeFileSync(join(clone, 'README.md'), '# app\nthird stash\n');
  git(clone, env, 'add', 'README.md');
  git(clone, env, 'stash', 'push', '-q', '-m', 'third stash');
  return { upstream, clone, token, unmerged };
}
