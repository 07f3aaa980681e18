import { plainObjectsDir, workTreeTop } from '../sources/work-tree-top.js';
import { StagedObjectReader } from '../sources/loose-objects.js';
import { startEarly, takeEarly } from '../sources/early-answers.js';
import { listStagedChanges, type StagedListing } from '../sources/staged-changes.js';
import type { GitContext } from './git-context.js';

/** The git processes of a staged scan, started before the scanner's code loads so git works meanwhile. */
export interface StagedStart {
  /** The top of the work tree (config, baseline and reported paths are relative to it). */
  top: Promise<string>;
  listing: Promise<StagedListing>;
  reader: StagedObjectReader;
}

/**
 * Starts `git diff --cached --raw` (and `git rev-parse` when needed) at once; blobs come from loose
 * objects where they can, else from a `git cat-file --batch` started on first need.
 */
export function startStagedGit(pathspecs: readonly string[], git: GitContext): StagedStart {
  const top = workTreeTop(git);
  const listing = listStagedChanges(pathspecs, git);
  top.catch(() => undefined);
  listing.catch(() => undefined);
  return { top, listing, reader: new StagedObjectReader(git, plainObjectsDir(git.cwd, git.env)) };
}

/**
 * Starts a staged scan's git before the CLI's code loads (src/cli.ts, for a pre-commit hook):
 * git then works while the rest loads, and forking this process while it is still small is
 * cheaper (each start copies its page tables, and each page written afterwards costs a fault).
 * The scan takes it through stagedGit() when pathspecs, folder and environment match (the
 * early-answers registry of history scans); `release` ends it when no scan took it (a usage
 * error, `--help`, other pathspecs).
 */
export function startStagedGitEarly(pathspecs: readonly string[], git: GitContext): { start: StagedStart; release: () => void } {
  const start = startStagedGit(pathspecs, git);
  const ask = (signal: AbortSignal) => {
    signal.addEventListener('abort', () => void start.reader.close(), { once: true });
    return Promise.resolve(start);
  };
  return { start, release: startEarly('staged', git, ask, pathspecs.join('\0')) };
}

/** The git of a staged scan: what startStagedGitEarly() started for these pathspecs, folder and environment, else started now. */
export async function stagedGit(pathspecs: readonly string[], git: GitContext): Promise<StagedStart> {
  return (await takeEarly<StagedStart>('staged', git, pathspecs.join('\0'))) ?? startStagedGit(pathspecs, git);
}
