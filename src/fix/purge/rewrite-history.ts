import { UnleakError } from '../../errors.js';
import { runFilterRepo, type ProcessRun } from './filter-repo.js';
import { createBundle, gitOut } from './git-repo.js';
import { replaceExpressions, type PurgeValue } from './replace-expressions.js';
import { restoreCommand, restoreFromBundle } from './restore-backup.js';
import { snapshotProblems, takeSnapshot, type RefSnapshot } from './ref-snapshot.js';
import {
  dropStashRefs,
  readStash,
  readStashRefs,
  restoreStashCommand,
  STASH_REF_PREFIX,
  stashToRefs,
  writeStash,
  type StashEntry,
} from './stash-entries.js';

/**
 * The real purge, which keeps every ref and every commit and only rewrites content:
 *  1. each stash entry becomes a temporary ref (the reflog beyond the top is invisible otherwise);
 *  2. the refs and `rev-list --all --count` are recorded, and every ref goes into the backup bundle;
 *  3. git filter-repo rewrites every ref (see filter-repo.ts for the options that keep them all);
 *  4. the refs and the count must be the same; if not, or if anything fails, the repository is
 *     restored from the bundle and the purge fails with UNLEAK_PURGE_UNVERIFIED;
 *  5. the stash is rebuilt from the rewritten entries, then the old objects are dropped (reflogs
 *     expired, `git gc --prune=now`), as filter-repo does when it runs unrestricted.
 */

/** Where the backup goes, and (for tests) the rewrite step to run instead of git filter-repo. */
export interface RewriteOptions {
  backup: string;
  env?: NodeJS.ProcessEnv;
  rewrite?: (cwd: string) => Promise<ProcessRun | undefined>;
  /** Called once the backup is written, before anything changes, with the number of stash entries it holds. */
  onBackup?: (stashEntries: number) => void;
}

/** What the rewrite kept and moved. */
export interface RewriteResult {
  before: RefSnapshot;
  after: RefSnapshot;
  /** Stash entries carried through the rewrite. */
  stash: number;
  /** git filter-repo's progress output (stderr). */
  log: string;
}

/** Rewrites every ref of the repository at `cwd`, replacing `values`; the backup bundle is written first. */
export async function rewriteHistory(cwd: string, values: PurgeValue[], options: RewriteOptions): Promise<RewriteResult> {
  const { env, backup } = options;
  if ((await readStashRefs(cwd, env)).length) {
    throw new UnleakError(
      'UNLEAK_PURGE_INTERRUPTED',
      `refs under ${STASH_REF_PREFIX} are left from an interrupted purge: they hold stash entries`,
      {
        hint: `Put them back into the stash first: ${restoreStashCommand()}`,
      },
    );
  }
  const stash = await readStash(cwd, env);
  await stashToRefs(cwd, stash, env);
  let before: RefSnapshot;
  try {
    before = await takeSnapshot(cwd, env);
    await createBundle(cwd, backup, env);
    options.onBackup?.(stash.length);
  } catch (error) {
    await dropStashRefs(cwd, env);
    throw error;
  }
  let after: RefSnapshot;
  let log = '';
  try {
    const rewrite = options.rewrite ?? ((dir: string) => runFilterRepo(dir, replaceExpressions(values), env));
    log = (await rewrite(cwd))?.stderr ?? '';
    after = await takeSnapshot(cwd, env);
    const problems = snapshotProblems(before, after);
    if (problems.length)
      throw new UnleakError('UNLEAK_PURGE_UNVERIFIED', `the rewrite did not keep every ref and commit: ${problems.join('; ')}`);
  } catch (error) {
    throw await restoreAfter(error, cwd, backup, before, stash, env);
  }
  const rewritten = stash.length ? await readStashRefs(cwd, env) : [];
  try {
    await dropOldObjects(cwd, env);
  } finally {
    await keepRewrittenStash(cwd, rewritten, env);
  }
  return { before, after, stash: stash.length, log };
}

/** Restores the bundle and returns the error to throw: the cause, and whether the restore worked. */
async function restoreAfter(
  cause: unknown,
  cwd: string,
  backup: string,
  before: RefSnapshot,
  stash: StashEntry[],
  env?: NodeJS.ProcessEnv,
): Promise<UnleakError> {
  const reason = cause instanceof UnleakError ? `${cause.code}: ${cause.message}` : (cause as Error).message;
  let left: string[];
  try {
    left = await restoreFromBundle(cwd, backup, before, stash, env);
  } catch (error) {
    left = [(error as Error).message];
  }
  const restored = left.length === 0;
  return new UnleakError(
    'UNLEAK_PURGE_UNVERIFIED',
    `purge stopped (${reason}); ${restored ? 'the repository was restored from the backup bundle, unchanged' : `restoring the backup bundle failed: ${left.join('; ')}`}`,
    {
      cause,
      hint: restored
        ? 'Nothing was rewritten. Please report this with the output above.'
        : `Restore by hand: ${restoreCommand(backup, stash.length > 0)}`,
    },
  );
}

/** Rebuilds the stash reflog from the rewritten entries (oldest first), each with its rewritten subject. */
async function keepRewrittenStash(cwd: string, commits: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  if (commits.length === 0) return;
  const entries: StashEntry[] = [];
  for (const commit of commits)
    entries.push({ commit, message: (await gitOut(['log', '-1', '--format=%s', commit, '--'], { cwd, env })).trim() });
  await writeStash(cwd, entries, env);
  await dropStashRefs(cwd, env);
}

/**
 * Drops the old history from the object store, as filter-repo does unrestricted: every reflog
 * expires (the stash is rebuilt afterwards; its rewritten entries are refs meanwhile), then
 * `git gc --prune=now` removes what nothing references.
 */
async function dropOldObjects(cwd: string, env?: NodeJS.ProcessEnv): Promise<void> {
  await gitOut(['reflog', 'expire', '--expire=now', '--expire-unreachable=now', '--all'], { cwd, env });
  await gitOut(['gc', '--prune=now', '--quiet'], { cwd, env });
}
