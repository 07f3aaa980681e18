import { gitBytes, type GitSpawnOptions } from './git-process.js';
import { isNullOid, isRegularFile, parseRawDiff, type RawChange } from './raw-diff.js';

/** A staged file to scan: its index blob, and the HEAD blob it replaces (renames followed). */
export interface StagedFile {
  path: string;
  oid: string;
  /** The blob in HEAD at the old path; undefined for a new file. */
  oldOid: string | undefined;
  oldPath: string | undefined;
  status: string;
}

/** What the index holds beyond the files to scan. */
export interface StagedListing {
  files: StagedFile[];
  /** Staged paths not scanned: submodules, symlinks, deletions. */
  skipped: { path: string; why: 'submodule' | 'symlink' | 'deleted' | 'unmerged' }[];
}

/** git's complaint about an object the index or HEAD names but the object store lacks. */
const MISSING_OBJECT = /unable to read [0-9a-f]{40,64}/;

/**
 * Lists what the next commit will change, from the index (`GIT_INDEX_FILE` honoured through
 * `env`): `git diff --cached --raw -z -M`. Works before the first commit too. Rename detection
 * reads blobs: when one is missing from the object store, the listing is made again without it,
 * so the scan reaches the missing blob and names its path (it never passes a blob unread).
 */
export async function listStagedChanges(pathspecs: readonly string[], options: GitSpawnOptions): Promise<StagedListing> {
  const args = (renames: string) => [
    'diff',
    '--cached',
    '--raw',
    '-z',
    renames,
    '--no-abbrev',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    '--ignore-submodules=none',
    '--',
    ...pathspecs,
  ];
  try {
    return classifyStaged(parseRawDiff(await gitBytes(args('-M'), options)));
  } catch (error) {
    if (!(error instanceof Error) || !MISSING_OBJECT.test(error.message)) throw error;
    return classifyStaged(parseRawDiff(await gitBytes(args('--no-renames'), options)));
  }
}

/** Splits raw changes into files to scan and paths skipped (and why). */
export function classifyStaged(changes: readonly RawChange[]): StagedListing {
  const listing: StagedListing = { files: [], skipped: [] };
  for (const change of changes) {
    const status = change.status[0] ?? '';
    if (status === 'D') listing.skipped.push({ path: change.path, why: 'deleted' });
    else if (status === 'U' || isNullOid(change.newOid)) listing.skipped.push({ path: change.path, why: 'unmerged' });
    else if (change.newMode === '160000') listing.skipped.push({ path: change.path, why: 'submodule' });
    else if (!isRegularFile(change.newMode)) listing.skipped.push({ path: change.path, why: 'symlink' });
    else {
      const oldOid = change.oldOids[0];
      const hasOld = oldOid !== undefined && !isNullOid(oldOid) && isRegularFile(change.oldModes[0] ?? '');
      listing.files.push({
        path: change.path,
        oid: change.newOid,
        oldOid: hasOld ? oldOid : undefined,
        oldPath: hasOld ? (change.oldPath ?? change.path) : undefined,
        status,
      });
    }
  }
  return listing;
}
