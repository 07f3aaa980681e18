import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UnleakError } from '../errors.js';
import { gitRun, type GitSpawnOptions } from './git-process.js';
import { gitDirWithoutWorkTree, noWorkTreeError } from './repo-info.js';

/**
 * The top of the work tree holding `cwd`. Git runs hooks at the top, so when `cwd` holds a
 * plain `.git` folder (no GIT_DIR or GIT_WORK_TREE override, no core.worktree) the answer is
 * `cwd` without starting a process; otherwise `git rev-parse --show-toplevel` decides. A bare
 * repository is UNLEAK_NO_WORK_TREE, anything else outside a work tree UNLEAK_NOT_A_REPO.
 */
export async function workTreeTop(options: GitSpawnOptions & { env: NodeJS.ProcessEnv }): Promise<string> {
  if (isPlainTop(options.cwd, options.env)) return options.cwd;
  const { stdout, stderr } = await gitRun(['rev-parse', '--show-toplevel'], options);
  const top = stdout.trim();
  if (!top) {
    const gitDir = await gitDirWithoutWorkTree(options);
    if (gitDir) throw noWorkTreeError(gitDir, 'a staged scan (the index of a work tree)');
    const detail = stderr.trim().split('\n')[0] ?? '';
    throw new UnleakError('UNLEAK_NOT_A_REPO', `not inside a git work tree: ${options.cwd}${detail ? ` (${detail})` : ''}`, {
      hint: 'Run the scan from inside the repository (git scans need a work tree).',
    });
  }
  return top;
}

/**
 * The loose-object folder of the repository at `cwd` when it is a plain top (see workTreeTop)
 * and nothing moves its objects (GIT_OBJECT_DIRECTORY); else undefined.
 */
export function plainObjectsDir(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  return !env.GIT_OBJECT_DIRECTORY && isPlainTop(cwd, env) ? join(cwd, '.git', 'objects') : undefined;
}

function isPlainTop(cwd: string, env: NodeJS.ProcessEnv): boolean {
  if (env.GIT_DIR || env.GIT_WORK_TREE || env.GIT_COMMON_DIR) return false;
  try {
    if (!statSync(join(cwd, '.git')).isDirectory()) return false;
    return !/^\s*worktree\s*=/m.test(readFileSync(join(cwd, '.git', 'config'), 'utf8'));
  } catch {
    return false;
  }
}
