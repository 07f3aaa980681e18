import { plainObjectsDir, workTreeTop } from '../sources/work-tree-top.js';
import { StagedObjectReader } from '../sources/loose-objects.js';
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

/** Git started by `startStagedGitEarly`, until a staged scan takes it or the CLI ends. */
let early: { pathspecs: readonly string[]; git: GitContext; start: StagedStart } | undefined;

/**
 * Starts a staged scan's git before the CLI's code loads (src/cli.ts, for a pre-commit hook):
 * git then works while the rest loads, and forking this process while it is still small is
 * cheaper (each start copies its page tables, and each page written afterwards costs a fault).
 */
export function startStagedGitEarly(pathspecs: readonly string[], git: GitContext): StagedStart {
  void closeEarlyStagedGit();
  early = { pathspecs, git, start: startStagedGit(pathspecs, git) };
  return early.start;
}

/** The git of a staged scan: what `startStagedGitEarly` started when it is for these pathspecs and this context, else started now. */
export function stagedGit(pathspecs: readonly string[], git: GitContext): StagedStart {
  const held = early;
  early = undefined;
  const same =
    held !== undefined &&
    held.git.cwd === git.cwd &&
    held.git.env === git.env &&
    held.pathspecs.length === pathspecs.length &&
    held.pathspecs.every((pathspec, i) => pathspec === pathspecs[i]);
  if (same) return held.start;
  if (held) void held.start.reader.close();
  return startStagedGit(pathspecs, git);
}

/** Ends git started early that no scan took (a usage error, `--help`): it would keep the process alive. */
export async function closeEarlyStagedGit(): Promise<void> {
  const held = early;
  early = undefined;
  await held?.start.reader.close();
}
