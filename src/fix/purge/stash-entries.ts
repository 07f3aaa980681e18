import { gitRun } from '../../sources/index.js';
import { gitOut } from './git-repo.js';

/**
 * Stash entries through a history rewrite. Only the newest entry is a ref (`refs/stash`); the
 * others live in its reflog, which neither git-filter-repo nor `git bundle` sees. Before a purge
 * every entry becomes a temporary ref under STASH_REF_PREFIX (numbered oldest first), so that the
 * rewrite and the backup bundle hold them all; afterwards the stash reflog is rebuilt from them.
 */

/** Where the stash entries wait, as refs, during a purge (and inside its backup bundle). */
export const STASH_REF_PREFIX = 'refs/unleak-purge/stash/';

/** One stash entry: its commit and its reflog message. */
export interface StashEntry {
  commit: string;
  message: string;
}

/** The stash entries, oldest first (stash@{0} is the last one). */
export async function readStash(cwd: string, env?: NodeJS.ProcessEnv): Promise<StashEntry[]> {
  const exists = await gitRun(['rev-parse', '--verify', '--quiet', 'refs/stash'], { cwd, env });
  if (exists.code !== 0) return [];
  const out = await gitOut(['reflog', 'show', '--format=%H %gs', 'refs/stash', '--'], { cwd, env });
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => ({ commit: line.slice(0, line.indexOf(' ')), message: line.slice(line.indexOf(' ') + 1) }))
    .reverse();
}

/** The name of the temporary ref of the `index`-th entry, oldest first. */
export function stashRefName(index: number): string {
  return `${STASH_REF_PREFIX}${String(index).padStart(4, '0')}`;
}

/** Makes each stash entry a temporary ref. */
export async function stashToRefs(cwd: string, entries: StashEntry[], env?: NodeJS.ProcessEnv): Promise<void> {
  for (const [index, entry] of entries.entries()) await gitOut(['update-ref', stashRefName(index), entry.commit], { cwd, env });
}

/** The commits the temporary refs point to now (after a rewrite), oldest first. */
export async function readStashRefs(cwd: string, env?: NodeJS.ProcessEnv): Promise<string[]> {
  const out = await gitOut(['for-each-ref', '--sort=refname', '--format=%(objectname)', STASH_REF_PREFIX], { cwd, env });
  return out.split('\n').filter(Boolean);
}

/** Deletes the temporary refs. */
export async function dropStashRefs(cwd: string, env?: NodeJS.ProcessEnv): Promise<void> {
  const out = await gitOut(['for-each-ref', '--format=%(refname)', STASH_REF_PREFIX], { cwd, env });
  for (const ref of out.split('\n').filter(Boolean)) await gitOut(['update-ref', '-d', ref], { cwd, env });
}

/** Replaces `refs/stash` and its whole reflog with `entries` (oldest first); none removes the stash. */
export async function writeStash(cwd: string, entries: StashEntry[], env?: NodeJS.ProcessEnv): Promise<void> {
  const exists = await gitRun(['rev-parse', '--verify', '--quiet', 'refs/stash'], { cwd, env });
  if (exists.code === 0) await gitOut(['update-ref', '-d', 'refs/stash'], { cwd, env });
  for (const entry of entries)
    await gitOut(['update-ref', '--create-reflog', '-m', entry.message, 'refs/stash', entry.commit], { cwd, env });
}

/** The shell commands that rebuild the stash from the temporary refs a backup bundle brought back. */
export function restoreStashCommand(): string {
  return `git update-ref -d refs/stash; for r in $(git for-each-ref --sort=refname --format='%(refname)' ${STASH_REF_PREFIX}); do git update-ref --create-reflog -m "$(git log -1 --format=%s "$r")" refs/stash "$r" && git update-ref -d "$r"; done`;
}
