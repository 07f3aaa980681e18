import { gitOut } from './git-repo.js';

/**
 * What a purge must keep: every ref (name, and symbolic target for a symbolic ref) and the number
 * of commits reachable from them (`git rev-list --all --count`). A purge only rewrites content, so
 * the snapshots before and after must agree on both.
 */

/** The refs and commit count of a repository at one moment. */
export interface RefSnapshot {
  /** Ref name → object id, or `-> target` for a symbolic ref. */
  refs: Map<string, string>;
  commits: number;
}

/** Reads every ref (`git for-each-ref`) and counts the reachable commits. */
export async function takeSnapshot(cwd: string, env?: NodeJS.ProcessEnv): Promise<RefSnapshot> {
  const out = await gitOut(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(symref)'], { cwd, env });
  const refs = new Map<string, string>();
  for (const line of out.split('\n').filter(Boolean)) {
    const [name = '', oid = '', symref = ''] = line.split('\0');
    refs.set(name, symref ? `-> ${symref}` : oid);
  }
  const commits = refs.size ? Number((await gitOut(['rev-list', '--all', '--count'], { cwd, env })).trim()) : 0;
  return { refs, commits };
}

/** How `after` differs from `before` in what a purge must keep: empty when nothing was lost. */
export function snapshotProblems(before: RefSnapshot, after: RefSnapshot): string[] {
  const problems: string[] = [];
  const lost = [...before.refs.keys()].filter((ref) => !after.refs.has(ref));
  const added = [...after.refs.keys()].filter((ref) => !before.refs.has(ref));
  const symbolic = [...before.refs]
    .filter(
      ([ref, id]) => after.refs.has(ref) && (id.startsWith('->') || after.refs.get(ref)?.startsWith('->')) && after.refs.get(ref) !== id,
    )
    .map(([ref]) => ref);
  if (lost.length)
    problems.push(`${lost.length} ref${lost.length === 1 ? '' : 's'} lost: ${lost.slice(0, 5).join(', ')}${lost.length > 5 ? ', …' : ''}`);
  if (added.length)
    problems.push(
      `${added.length} ref${added.length === 1 ? '' : 's'} added: ${added.slice(0, 5).join(', ')}${added.length > 5 ? ', …' : ''}`,
    );
  if (symbolic.length) problems.push(`symbolic ref${symbolic.length === 1 ? '' : 's'} changed: ${symbolic.slice(0, 5).join(', ')}`);
  if (before.commits !== after.commits)
    problems.push(`${before.commits} commits before, ${after.commits} after (git rev-list --all --count)`);
  return problems;
}
