import {
  CatFileReader,
  listRefTargets,
  type GitObject,
  listTreeFiles,
  parseTagObject,
  resolveRefTarget,
  type GitSpawnOptions,
  type RefTarget,
  type TagObject,
  type TreeFile,
} from '../sources/index.js';

/**
 * What a ref reaches besides commits: an annotated tag (its message, its tagger), or a blob or
 * tree that a tag or another ref names directly (a `git log` walk never sees those).
 */
export interface RefExtra {
  /** The tag object; for a ref naming a blob or tree directly (a lightweight tag), that object. */
  oid: string;
  /** The tag's name, or the ref's (`refs/tags/` left off). */
  name: string;
  tagger?: TagObject['tagger'];
  /** The annotated tag's message; undefined for a lightweight ref. */
  message?: string;
  /** Blobs the ref reaches without a commit: the blob itself (path `<tag NAME>`), or a tree's files. */
  files: TreeFile[];
}

/** The refs of a history scan: the revisions `git log` walks, and what they reach that it does not. */
export interface RefPlan {
  /** `git log` revision arguments: `--all`, or the `--ref` names that end at a commit (or that git must judge). */
  logRevs: string[];
  extras: RefExtra[];
  /** Tag objects that could not be read (missing or corrupt). */
  unread: string[];
}

const shortName = (ref: string): string => (ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : ref);

/**
 * Looks at every ref (or the `--ref` names): peels annotated tags one level at a time, keeping
 * each tag's message and tagger, and lists the blobs of refs that end at a blob or a tree. The
 * tag objects refs name are asked of one `git cat-file --batch` all at once (pipelined).
 */
export async function planRefs(refs: readonly string[] | undefined, git: GitSpawnOptions): Promise<RefPlan> {
  const named = Boolean(refs?.length);
  const targets: RefTarget[] = named
    ? await Promise.all((refs ?? []).map(async (ref) => (await resolveRefTarget(ref, git)) ?? { ref, oid: '', type: 'unknown' }))
    : await listRefTargets(git);
  const plan: RefPlan = { logRevs: named ? [] : ['--all'], extras: [], unread: [] };
  const seen = new Set<string>();
  // Started on the first tag: most repositories have none, and a git process costs a few ms to start and stop.
  let reader: CatFileReader | undefined;
  const readerOf = (): CatFileReader => (reader ??= new CatFileReader(git));
  const prefetched = new Map<string, Promise<GitObject>>();
  for (const target of targets)
    if (target.type === 'tag' && !prefetched.has(target.oid)) prefetched.set(target.oid, readerOf().read(target.oid));
  for (const read of prefetched.values()) read.catch(() => undefined);
  const read = (oid: string) => prefetched.get(oid) ?? readerOf().read(oid);
  try {
    for (const target of targets) {
      const end = await peel(target, read, seen, plan);
      if (!end) continue;
      if (end.type === 'commit' || end.type === 'unknown') {
        if (named) plan.logRevs.push(target.ref);
        continue;
      }
      if ((end.type !== 'blob' && end.type !== 'tree') || seen.has(end.oid)) continue;
      seen.add(end.oid);
      const label = target.ref.startsWith('refs/tags/') ? `tag ${shortName(target.ref)}` : shortName(target.ref);
      const files = end.type === 'blob' ? [{ oid: end.oid, path: `<${label}>` }] : await listTreeFiles(end.oid, git);
      if (end.outer) end.outer.files.push(...files);
      else plan.extras.push({ oid: end.oid, name: shortName(target.ref), files });
    }
  } finally {
    await reader?.close();
  }
  return plan;
}

/** Follows tag objects to what they finally name; undefined when a tag was seen already or cannot be read. */
async function peel(
  target: RefTarget,
  read: (oid: string) => Promise<GitObject>,
  seen: Set<string>,
  plan: RefPlan,
): Promise<{ oid: string; type: string; outer?: RefExtra } | undefined> {
  let { oid, type } = target;
  let outer: RefExtra | undefined;
  while (type === 'tag') {
    if (seen.has(oid)) return undefined;
    seen.add(oid);
    const object = await read(oid);
    if (object.missing || !object.content) {
      plan.unread.push(`tag object ${oid.slice(0, 12)} (${target.ref})`);
      return undefined;
    }
    const tag = parseTagObject(object.content);
    const extra: RefExtra = { oid, name: tag.tag || shortName(target.ref), tagger: tag.tagger, message: tag.message, files: [] };
    plan.extras.push(extra);
    outer ??= extra;
    oid = tag.object;
    type = tag.type;
  }
  return { oid, type, outer };
}
