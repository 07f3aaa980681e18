import { CatFileParser, gitRecords, looksBinary, spawnGit, type GitObject } from '../../sources/index.js';
import { gitOut } from './git-repo.js';
import { purgeForms, replacementFor, type PurgeValue } from './replace-expressions.js';
import { readStash } from './stash-entries.js';

/**
 * `unleak purge --dry-run`: what the rewrite would change, worked out from the objects alone, so
 * it needs no git-filter-repo and changes nothing. It follows filter-repo's rules: a text blob
 * (no NUL byte in its first 8 KB) holding a value changes, and so does every tree holding a
 * changed entry; a commit gets a new id when its tree or message changes (it "holds a value") or
 * when a parent gets a new id; a ref moves when its commit does, or (annotated tag) when its
 * message holds a value. Stash entries count as commits of the history.
 */

/** A commit whose id changes. `subject` is the rewritten one (values already replaced). */
export interface RewrittenCommit {
  old: string;
  subject: string;
  /** True when its tree or message holds a value; false when only an ancestor does. */
  holdsValue: boolean;
}

/** What a purge would change. */
export interface PurgePreview {
  commits: number;
  rewritten: RewrittenCommit[];
  refs: Array<{ ref: string; old: string }>;
}

interface Needle {
  text: string;
  bytes: Buffer;
  replacement: string;
}

function needlesOf(values: PurgeValue[]): Needle[] {
  return values
    .flatMap(({ name, value }) =>
      purgeForms(value).map((text) => ({ text, bytes: Buffer.from(text, 'utf8'), replacement: replacementFor(name) })),
    )
    .sort((a, b) => b.text.length - a.text.length);
}

const holds = (content: Buffer, needles: Needle[]) => needles.some((needle) => content.includes(needle.bytes));

/** The object ids a tree lists (blobs and trees; submodule commits are left out). */
function treeEntries(content: Buffer, idLength: number): string[] {
  const ids: string[] = [];
  let at = 0;
  while (at < content.length) {
    const nul = content.indexOf(0, at);
    if (nul === -1) break;
    const mode = content.toString('latin1', at, content.indexOf(0x20, at));
    if (mode !== '160000') ids.push(content.toString('hex', nul + 1, nul + 1 + idLength));
    at = nul + 1 + idLength;
  }
  return ids;
}

/** Every tree that changes: those holding a changed blob, directly or through a subtree. */
async function changedTrees(cwd: string, needles: Needle[], env?: NodeJS.ProcessEnv): Promise<{ trees: Set<string>; tags: Set<string> }> {
  const changed: string[] = [];
  const tags = new Set<string>();
  const parentsOf = new Map<string, string[]>();
  const onObject = (object: GitObject) => {
    const content = object.content;
    if (!content) return;
    if (object.type === 'blob' && !looksBinary(content) && holds(content, needles)) changed.push(object.oid);
    else if (object.type === 'tag' && holds(content.subarray(content.indexOf('\n\n')), needles)) tags.add(object.oid);
    else if (object.type === 'tree')
      for (const child of treeEntries(content, object.oid.length / 2)) parentsOf.set(child, [...(parentsOf.get(child) ?? []), object.oid]);
  };
  const proc = spawnGit(['cat-file', '--batch-all-objects', '--batch', '--unordered'], { cwd, env });
  const parser = new CatFileParser(onObject);
  for await (const chunk of proc.stdout) parser.push(chunk as Buffer);
  await proc.done;
  const trees = new Set<string>();
  while (changed.length) {
    for (const parent of parentsOf.get(changed.pop() as string) ?? []) {
      if (trees.has(parent)) continue;
      trees.add(parent);
      changed.push(parent);
    }
  }
  return { trees, tags };
}

function rewriteText(text: string, needles: Needle[]): string {
  return needles.reduce((out, needle) => out.split(needle.text).join(needle.replacement), text);
}

/** Works out which commits and refs of the repository at `root` a purge of `values` would change. */
export async function previewPurge(root: string, values: PurgeValue[], env?: NodeJS.ProcessEnv): Promise<PurgePreview> {
  const needles = needlesOf(values);
  const { trees, tags } = await changedTrees(root, needles, env);
  const stash = (await readStash(root, env)).map((entry) => entry.commit);
  const changed = new Set<string>();
  const rewritten: RewrittenCommit[] = [];
  let commits = 0;
  const args = ['log', '--all', ...stash, '--topo-order', '--reverse', '-z', '--format=%H%x1f%T%x1f%P%x1f%s%x1f%B', '--'];
  for await (const record of gitRecords(args, { cwd: root, env }, 0)) {
    const [id = '', tree = '', parents = '', subject = '', message = ''] = record.split('\x1f');
    if (!id) continue;
    commits += 1;
    const holdsValue = trees.has(tree) || needles.some((needle) => message.includes(needle.text));
    if (!holdsValue && !parents.split(' ').some((parent) => changed.has(parent))) continue;
    changed.add(id);
    rewritten.push({ old: id, subject: rewriteText(subject, needles), holdsValue });
  }
  const refs: PurgePreview['refs'] = [];
  const out = await gitOut(['for-each-ref', '--format=%(refname) %(objectname) %(objecttype) %(*objectname)'], { cwd: root, env });
  for (const line of out.split('\n').filter(Boolean)) {
    const [ref = '', id = '', type = '', peeled = ''] = line.split(' ');
    if (changed.has(id) || (type === 'tag' && (tags.has(id) || changed.has(peeled)))) refs.push({ ref, old: id });
  }
  return { commits, rewritten, refs };
}
