import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnleakError } from '../errors.js';
import { gitRun, type GitSpawnOptions } from './git-process.js';
import { takeEarly } from './early-answers.js';

/** What a history or range scan needs to know about the repository before it starts. */
export interface RepoInfo {
  /**
   * Absolute top folder of the work tree (paths are reported relative to it); in a repository
   * without a work tree (bare, or run from inside `.git`), the absolute git directory.
   */
  top: string;
  /** Absolute common git directory (the main one, for a linked worktree too). */
  commonDir: string;
  /** True in a shallow clone. */
  shallow: boolean;
  /** False in a bare repository (`git clone --mirror`) or inside a git directory: history and range scans need none. */
  workTree: boolean;
}

/**
 * Looks at the repository holding `options.cwd` with one `git rev-parse` call; throws
 * UNLEAK_NOT_A_REPO outside a repository. `--show-toplevel` comes last: in a bare repository it
 * fails after the other answers were printed.
 */
export async function repoInfo(options: GitSpawnOptions): Promise<RepoInfo> {
  return takeEarly<RepoInfo>('repo-info', options) ?? readRepoInfo(options);
}

/** The `git rev-parse` of readRepoInfo. */
export const REPO_INFO_ARGS: readonly string[] = [
  'rev-parse',
  '--path-format=absolute',
  '--git-common-dir',
  '--absolute-git-dir',
  '--is-shallow-repository',
  '--show-toplevel',
];

/** repoInfo, always from git. */
export async function readRepoInfo(options: GitSpawnOptions): Promise<RepoInfo> {
  const { stdout, stderr } = await gitRun(REPO_INFO_ARGS, options);
  const [commonDir, gitDir, shallow, top] = stdout.split('\n');
  if (!commonDir || !gitDir) {
    const detail = stderr.trim().split('\n')[0] ?? '';
    throw new UnleakError('UNLEAK_NOT_A_REPO', `not inside a git repository: ${options.cwd}${detail ? ` (${detail})` : ''}`, {
      hint: 'Run the scan from inside the repository, or give its folder: `unleak scan --history DIR`.',
    });
  }
  return { top: top || gitDir, commonDir, shallow: shallow === 'true', workTree: Boolean(top) };
}

/** The commits at the edge of a shallow clone (their parents were not fetched), from `<common dir>/shallow`. */
export function shallowBoundary(commonDir: string): Set<string> {
  const file = join(commonDir, 'shallow');
  return existsSync(file) ? new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean)) : new Set();
}

/**
 * The absolute git directory when `dir` is in a repository without a work tree (bare, or inside
 * `.git`), where only history and range scans make sense; undefined in a work tree or outside git.
 */
export async function gitDirWithoutWorkTree(options: GitSpawnOptions): Promise<string | undefined> {
  const { code, stdout } = await gitRun(['rev-parse', '--is-bare-repository', '--is-inside-git-dir', '--absolute-git-dir'], options);
  if (code !== 0) return undefined;
  const [bare, insideGitDir, gitDir] = stdout.split('\n');
  return bare === 'true' || insideGitDir === 'true' ? gitDir || undefined : undefined;
}

/** The error for a work-tree scan (files, `--staged`) in a repository without a work tree. */
export function noWorkTreeError(gitDir: string, what: string): UnleakError {
  return new UnleakError(
    'UNLEAK_NO_WORK_TREE',
    `${gitDir} is a git repository without a work tree (bare, or a .git folder): ${what} needs a work tree`,
    {
      hint: 'In a bare repository (git clone --mirror) scan its commits: `unleak scan --history` or `unleak scan --range A..B`.',
    },
  );
}
