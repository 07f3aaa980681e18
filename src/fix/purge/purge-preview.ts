import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runFilterRepo } from './filter-repo.js';
import { gitDirOf, listCommits, mirrorClone } from './git-repo.js';
import { replaceExpressions, type PurgeValue } from './replace-expressions.js';

/**
 * `unleak purge --dry-run`: the real rewrite, run on a throw-away mirror clone inside the git
 * directory, then compared with the original: which commits get new ids (and which of them held a
 * value themselves), which refs move. The clone is removed afterwards; the repository is untouched.
 */

/** A commit whose id changes. `subject` is the rewritten one (values already replaced). */
export interface RewrittenCommit {
  old: string;
  new: string;
  subject: string;
  /** True when its tree or message held a value; false when only an ancestor did. */
  holdsValue: boolean;
}

/** What a purge would change. */
export interface PurgePreview {
  commits: number;
  rewritten: RewrittenCommit[];
  refs: Array<{ ref: string; old: string; new: string }>;
}

const ZERO = /^0+$/;

function mapLines(text: string): string[][] {
  return text
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.trim().split(/\s+/));
}

/** Rewrites a mirror clone of the repository at `root` and reports what changed. */
export async function previewPurge(root: string, values: PurgeValue[], env?: NodeJS.ProcessEnv): Promise<PurgePreview> {
  const dir = await mkdtemp(join(await gitDirOf(root, env), 'unleak-purge-preview-'));
  try {
    await mirrorClone(root, dir, env);
    const before = await listCommits(dir, env);
    await runFilterRepo(dir, replaceExpressions(values), env);
    const after = await listCommits(dir, env);
    const commitMap = mapLines(await readFile(join(dir, 'filter-repo', 'commit-map'), 'utf8'));
    const refMap = mapLines(await readFile(join(dir, 'filter-repo', 'ref-map'), 'utf8').catch(() => ''));
    const rewritten: RewrittenCommit[] = [];
    for (const [oldId, newId] of commitMap) {
      if (!oldId || !newId || oldId === newId) continue;
      const was = before.get(oldId);
      const now = ZERO.test(newId) ? undefined : after.get(newId);
      rewritten.push({ old: oldId, new: newId, subject: now?.subject ?? '(dropped)', holdsValue: !now || was?.tree !== now.tree || was?.message !== now.message });
    }
    const refs = refMap.filter(([oldId, newId]) => oldId !== newId).map(([oldId, newId, ref]) => ({ ref: ref ?? '', old: oldId ?? '', new: newId ?? '' }));
    return { commits: before.size, rewritten, refs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
