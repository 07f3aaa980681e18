import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnleakError } from '../errors.js';
import { gitRun, type GitSpawnOptions } from './git-process.js';

/** What a history or range scan needs to know about the repository before it starts. */
export interface RepoInfo {
  /** Absolute top folder of the work tree (paths are reported relative to it). */
  top: string;
  /** Absolute common git directory (the main one, for a linked worktree too). */
  commonDir: string;
  /** True in a shallow clone. */
  shallow: boolean;
}

/**
 * Looks at the repository holding `options.cwd` with one `git rev-parse` call; throws
 * UNLEAK_NOT_A_REPO outside a work tree.
 */
export async function repoInfo(options: GitSpawnOptions): Promise<RepoInfo> {
  const { stdout, stderr } = await gitRun(['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-common-dir', '--is-shallow-repository'], options);
  const [top, commonDir, shallow] = stdout.split('\n');
  if (!top || !commonDir) {
    const detail = stderr.trim().split('\n')[0] ?? '';
    throw new UnleakError('UNLEAK_NOT_A_REPO', `not inside a git work tree: ${options.cwd}${detail ? ` (${detail})` : ''}`, { hint: 'Run the scan from inside the repository (git scans need a work tree).' });
  }
  return { top, commonDir, shallow: shallow === 'true' };
}

/** The commits at the edge of a shallow clone (their parents were not fetched), from `<common dir>/shallow`. */
export function shallowBoundary(commonDir: string): Set<string> {
  const file = join(commonDir, 'shallow');
  return existsSync(file) ? new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean)) : new Set();
}
