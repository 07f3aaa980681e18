import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isolatedGitConfigEnv } from '../../helpers/git-config.js';

/** Git with a fixed identity and no user or system config, so runs are repeatable anywhere. */
export const gitEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: tmpdir(),
  ...isolatedGitConfigEnv(),
  GIT_TERMINAL_PROMPT: '0',
  LANG: 'C',
};

/** Runs git in `cwd` and returns its trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...gitEnv, ...authorEnv('Codertocat', 'octocat@github.com') },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function authorEnv(name: string, email: string): NodeJS.ProcessEnv {
  return { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email };
}

/** A temporary folder removed by `removeTemp`. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `unleak-action-${prefix}-`));
}

/** Removes a folder made by `tempDir`. */
export function removeTemp(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** An upstream repository (what GitHub hosts) in which the tests make commits. */
export class Upstream {
  readonly dir: string;

  constructor(root: string) {
    this.dir = join(root, 'upstream');
    mkdirSync(this.dir, { recursive: true });
    git(this.dir, 'init', '-q', '-b', 'main');
  }

  /** `file://` URL the checkouts clone from. */
  get url(): string {
    return `file://${this.dir}`;
  }

  /** Writes (or, with null, deletes) files, commits them on the current branch and returns the sha. */
  commit(files: Record<string, string | null>, message: string, author = { name: 'Codertocat', email: 'octocat@github.com' }): string {
    for (const [path, content] of Object.entries(files)) {
      const file = join(this.dir, path);
      if (content === null) rmSync(file, { force: true });
      else {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, content);
      }
    }
    git(this.dir, 'add', '-A');
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
      cwd: this.dir,
      env: { ...gitEnv, ...authorEnv(author.name, author.email) },
    });
    return this.head();
  }

  head(): string {
    return git(this.dir, 'rev-parse', 'HEAD');
  }

  /** Creates (`-B`) or switches to a branch at `start`. */
  branch(name: string, start?: string): void {
    git(this.dir, 'checkout', '-q', '-B', name, ...(start ? [start] : []));
  }

  switchTo(name: string): void {
    git(this.dir, 'checkout', '-q', name);
  }
}

/**
 * A checkout as actions/checkout leaves it: a clone of upstream (every branch with depth 0,
 * else `--depth N` of one branch) with `sha` checked out.
 */
export function checkout(upstream: Upstream, root: string, sha: string, options: { depth?: number; branch?: string } = {}): string {
  const dir = join(root, 'workspace');
  const depthArgs = options.depth ? ['--depth', String(options.depth), '--branch', options.branch ?? 'main'] : [];
  execFileSync('git', ['clone', '-q', '--no-tags', ...depthArgs, upstream.url, dir], { env: gitEnv });
  if (!options.depth) git(dir, 'checkout', '-q', '--detach', sha);
  return dir;
}
