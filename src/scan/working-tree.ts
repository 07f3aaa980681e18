import { existsSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { UnleakError } from '../errors.js';
import {
  fileSource,
  gitDirWithoutWorkTree,
  gitTopLevel,
  listGitPaths,
  listPlainPaths,
  noWorkTreeError,
  readUnleakIgnore,
  type ListedPath,
  type SourceItem,
} from '../sources/index.js';

/** Where a working-tree scan reads from. */
export interface WorkingTreeTarget {
  /** Paths are reported relative to this folder; config and .unleakignore are read from it. */
  root: string;
  /** Pathspecs relative to root (empty: everything). */
  pathspecs: string[];
}

/**
 * `scan` with one directory argument scans that directory as the root; otherwise the root is the
 * current folder and the arguments narrow what is read.
 */
export function resolveTarget(cwd: string, paths: string[]): WorkingTreeTarget {
  const missing = paths.find((p) => !GLOB_MAGIC.test(p) && !existsSync(resolve(cwd, p)));
  if (missing !== undefined) {
    throw new UnleakError('UNLEAK_PATH_NOT_FOUND', `${missing} does not exist`, {
      hint: 'Check the path; a scan of nothing must not pass as clean.',
    });
  }
  if (paths.length === 1) {
    const only = resolve(cwd, paths[0] as string);
    let isDir = false;
    try {
      isDir = statSync(only).isDirectory();
    } catch {
      isDir = false;
    }
    if (isDir) return { root: only, pathspecs: [] };
    if (isOutside(cwd, only)) return { root: dirname(only), pathspecs: [basename(only)] };
  }
  const outside = paths.find((p) => isOutside(cwd, resolve(cwd, p)));
  if (outside !== undefined) {
    throw new UnleakError('UNLEAK_USAGE', `${outside} is outside the folder being scanned (${cwd})`, {
      hint: 'Give one folder or file outside the current folder on its own, or run unleak from a folder that holds every path.',
    });
  }
  return { root: cwd, pathspecs: paths.map((p) => relative(cwd, resolve(cwd, p)) || '.') };
}

/** Characters that make an argument a glob pattern (which may match nothing) rather than a path. */
const GLOB_MAGIC = /[*?[\]{}]/;

function isOutside(cwd: string, path: string): boolean {
  const rel = relative(cwd, path);
  return rel === '..' || rel.startsWith('../') || isAbsolute(rel);
}

/**
 * Lists the files of a working tree (git-aware unless `noGit`), minus `.unleakignore`. A
 * repository without a work tree (bare) is UNLEAK_NO_WORK_TREE, not a walk of its git folder.
 */
export async function workingTreePaths(
  target: WorkingTreeTarget,
  options: { noGit: boolean; env?: NodeJS.ProcessEnv },
): Promise<ListedPath[]> {
  const inGit = !options.noGit && (await gitTopLevel(target.root, options.env)) !== undefined;
  if (!options.noGit && !inGit) {
    const gitDir = await gitDirWithoutWorkTree({ cwd: target.root, env: options.env });
    if (gitDir) throw noWorkTreeError(gitDir, 'a working-tree scan');
  }
  const files = inGit
    ? await listGitPaths(target.root, target.pathspecs, options.env)
    : await listPlainPaths(
        target.root,
        target.pathspecs.map((p) => (p === '.' ? '**/*' : p.endsWith('/') ? `${p}**/*` : p)),
      );
  const unleakIgnore = readUnleakIgnore(target.root);
  return unleakIgnore ? files.filter((file) => !unleakIgnore.ignores(file.path)) : files;
}

/** The files of a working tree (see workingTreePaths), read one by one. */
export async function workingTreeItems(
  target: WorkingTreeTarget,
  options: { noGit: boolean; maxFileSize: number; env?: NodeJS.ProcessEnv },
): Promise<AsyncIterable<SourceItem>> {
  return fileSource(target.root, await workingTreePaths(target, options), { maxFileSize: options.maxFileSize });
}
