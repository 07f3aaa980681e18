import { displayPath } from './display-path.js';
import { gitBytes, gitRecords, gitRun, type GitSpawnOptions } from './git-process.js';
import { isRegularFile } from './raw-diff.js';
import { takeEarly } from './early-answers.js';

/** A ref and the object it names, unpeeled: an annotated tag names a `tag` object. */
export interface RefTarget {
  /** Full ref name (`refs/tags/v1`), or the revision as given to `--ref` when it is not a ref. */
  ref: string;
  oid: string;
  type: string;
}

/** Every ref (`git for-each-ref`) with the id and type of the object it names. */
export function listRefTargets(git: GitSpawnOptions): Promise<RefTarget[]> {
  return takeEarly<RefTarget[]>('ref-targets', git) ?? readRefTargets(git);
}

/** The `git for-each-ref` of readRefTargets. */
export const REF_TARGET_ARGS: readonly string[] = ['for-each-ref', '--format=%(objectname) %(objecttype) %(refname)'];

/** listRefTargets, always from git. */
export async function readRefTargets(git: GitSpawnOptions): Promise<RefTarget[]> {
  const targets: RefTarget[] = [];
  for await (const line of gitRecords(REF_TARGET_ARGS, git, 10)) {
    const [oid, type, ...ref] = line.split(' ');
    if (oid && type && ref.length) targets.push({ ref: ref.join(' '), oid, type });
  }
  return targets;
}

/** The object a revision names, unpeeled, with its type and full ref name (when it is a ref); undefined when git does not know it. */
export async function resolveRefTarget(rev: string, git: GitSpawnOptions): Promise<RefTarget | undefined> {
  if (rev.startsWith('-')) return undefined;
  const id = await gitRun(['rev-parse', '--verify', '--quiet', '--end-of-options', rev], git);
  const oid = id.stdout.trim();
  if (id.code !== 0 || !oid) return undefined;
  const [type, full] = await Promise.all([gitRun(['cat-file', '-t', oid], git), gitRun(['rev-parse', '--symbolic-full-name', rev], git)]);
  const ref = full.code === 0 && full.stdout.startsWith('refs/') ? full.stdout.trim() : rev;
  return type.code === 0 ? { ref, oid, type: type.stdout.trim() } : undefined;
}

/** A regular file of a tree: its blob and its path (escaped when not UTF-8). */
export interface TreeFile {
  oid: string;
  path: string;
}

/** Every regular file of a tree, recursively (`git ls-tree -r -z --full-tree`). */
export async function listTreeFiles(tree: string, git: GitSpawnOptions): Promise<TreeFile[]> {
  const out = await gitBytes(['ls-tree', '-r', '-z', '--full-tree', tree], git);
  const files: TreeFile[] = [];
  let start = 0;
  for (let at = out.indexOf(0); at !== -1; start = at + 1, at = out.indexOf(0, start)) {
    const tab = out.indexOf(9, start);
    if (tab === -1 || tab > at) continue;
    const [mode, type, oid] = out.toString('utf8', start, tab).split(' ');
    if (type === 'blob' && oid && isRegularFile(mode ?? '')) files.push({ oid, path: displayPath(out.subarray(tab + 1, at)) });
  }
  return files;
}
