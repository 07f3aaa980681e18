import { CatFileParser, looksBinary, spawnGit, type GitObject } from '../../sources/index.js';
import { purgeForms, type PurgeValue } from './replace-expressions.js';

/**
 * The check after a purge: does any object of the repository (blob, commit message, tag, tree
 * entry name) still hold one of the values, in any written form? Every object is read once with
 * `git cat-file --batch-all-objects --batch`. This is an exact-value check, not a scan.
 */

/** An object that still holds a value. */
export interface ValueHit {
  name: string;
  oid: string;
  type: string;
  /** Binary blobs are left alone by filter-repo's --replace-text. */
  binary: boolean;
}

/** How many objects were read, and which still hold a value. */
export interface HistoryCheck {
  objects: number;
  hits: ValueHit[];
}

/** Reads every object of the repository at `cwd` and reports those holding any form of any value. */
export async function valuesInObjects(cwd: string, values: PurgeValue[], env?: NodeJS.ProcessEnv): Promise<HistoryCheck> {
  const needles = values.flatMap(({ name, value }) => purgeForms(value).map((form) => ({ name, bytes: Buffer.from(form, 'utf8') })));
  const result: HistoryCheck = { objects: 0, hits: [] };
  const onObject = (object: GitObject) => {
    result.objects += 1;
    const content = object.content;
    if (!content) return;
    const seen = new Set<string>();
    for (const needle of needles) {
      if (seen.has(needle.name) || content.indexOf(needle.bytes) === -1) continue;
      seen.add(needle.name);
      result.hits.push({ name: needle.name, oid: object.oid, type: object.type, binary: object.type === 'blob' && looksBinary(content) });
    }
  };
  const proc = spawnGit(['cat-file', '--batch-all-objects', '--batch', '--unordered'], { cwd, env });
  const parser = new CatFileParser(onObject);
  for await (const chunk of proc.stdout) parser.push(chunk as Buffer);
  await proc.done;
  return result;
}
