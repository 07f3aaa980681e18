import { gitRun } from '../../sources/index.js';
import { gitOut, isBareRepository } from './git-repo.js';
import { snapshotProblems, takeSnapshot, type RefSnapshot } from './ref-snapshot.js';
import { dropStashRefs, restoreStashCommand, writeStash, type StashEntry } from './stash-entries.js';

/**
 * Putting a repository back as the purge's backup bundle holds it: every ref, symbolic refs,
 * the stash with its whole reflog, and (in a work tree) the checked-out files.
 */

/** The command a user runs to undo a purge from its bundle (the stash part only when it held entries). */
export function restoreCommand(backup: string, withStash: boolean): string {
  const fetch = `git fetch --force --update-head-ok '${backup.replace(/'/g, "'\\''")}' '+refs/*:refs/*' && git reset --hard`;
  return withStash ? `${fetch} && { ${restoreStashCommand()}; }` : fetch;
}

/**
 * Restores the refs of `before` (taken with the stash entries as temporary refs) and the stash
 * `entries` from `backup`; returns what still differs (empty when the restore is complete).
 */
export async function restoreFromBundle(
  cwd: string,
  backup: string,
  before: RefSnapshot,
  entries: StashEntry[],
  env?: NodeJS.ProcessEnv,
): Promise<string[]> {
  await gitOut(['fetch', '--quiet', '--force', '--update-head-ok', '--no-tags', '--', backup, '+refs/*:refs/*'], { cwd, env });
  const now = await takeSnapshot(cwd, env);
  for (const ref of now.refs.keys()) if (!before.refs.has(ref)) await gitOut(['update-ref', '-d', ref], { cwd, env });
  for (const [ref, id] of before.refs) if (id.startsWith('-> ')) await gitOut(['symbolic-ref', ref, id.slice(3)], { cwd, env });
  const problems = snapshotProblems(before, await takeSnapshot(cwd, env));
  await writeStash(cwd, entries, env);
  await dropStashRefs(cwd, env);
  if (!(await isBareRepository(cwd, env))) {
    const reset = await gitRun(['reset', '--hard', '--quiet'], { cwd, env });
    if (reset.code !== 0) problems.push(`git reset --hard failed: ${reset.stderr.trim().split('\n')[0] ?? ''}`);
  }
  return problems;
}
