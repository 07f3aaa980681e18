import { workTreeTop } from '../sources/work-tree-top.js';
import { CatFileReader } from '../sources/cat-file.js';
import { listStagedChanges, type StagedListing } from '../sources/staged-changes.js';
import type { GitContext } from './git-context.js';

/** The git processes of a staged scan, started before the scanner's code loads so git works meanwhile. */
export interface StagedStart {
  /** The top of the work tree (config, baseline and reported paths are relative to it). */
  top: Promise<string>;
  listing: Promise<StagedListing>;
  reader: CatFileReader;
}

/** Starts `git diff --cached --raw` and `git cat-file --batch` (and `git rev-parse` when needed) at once. */
export function startStagedGit(pathspecs: readonly string[], git: GitContext): StagedStart {
  const top = workTreeTop(git);
  const listing = listStagedChanges(pathspecs, git);
  top.catch(() => undefined);
  listing.catch(() => undefined);
  return { top, listing, reader: new CatFileReader(git) };
}
