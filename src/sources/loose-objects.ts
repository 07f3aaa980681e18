import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { UnleakError } from '../errors.js';
import { CatFileReader } from './cat-file.js';
import type { GitObject } from './cat-file-parser.js';
import type { GitSpawnOptions } from './git-process.js';

/** A full object id: SHA-1 (40 hex digits) or SHA-256 (64). */
const FULL_OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * A blob read straight from the object store's loose objects (`objects/ab/cdef…`, zlib of
 * `blob <size>\0<content>`), or undefined when it is not there as one, is another type, is larger
 * than `maxContentSize`, or does not read back whole: the caller asks git then. What `git add`
 * writes is loose until the next repack, so a pre-commit hook finds its blobs this way.
 */
export function readLooseBlob(objectsDir: string, oid: string, maxContentSize: number): GitObject | undefined {
  if (!FULL_OID.test(oid)) return undefined;
  const limit = Math.min(maxContentSize, 2 ** 31 - 64);
  const path = join(objectsDir, oid.slice(0, 2), oid.slice(2));
  let inflated: Buffer;
  try {
    // zlib never grows data by more than a few bytes per 16 KB: a larger file holds a blob over the limit, left to git (which skips it unread).
    if (statSync(path).size > limit + limit / 64 + 1024) return undefined;
    inflated = inflateSync(readFileSync(path), { maxOutputLength: limit + 64 });
  } catch {
    return undefined;
  }
  const nul = inflated.indexOf(0);
  const header = nul > 0 && nul < 32 ? /^blob (\d+)$/.exec(inflated.toString('latin1', 0, nul)) : null;
  if (!header || Number(header[1]) !== inflated.length - nul - 1) return undefined;
  const size = inflated.length - nul - 1;
  return { oid, type: 'blob', size, content: inflated.subarray(nul + 1), missing: false };
}

/**
 * The objects of a staged scan: blobs from loose objects where it can (`objectsDir`), everything
 * else (packed or missing objects, `<rev>:<path>` names, blobs over the size limit) through one
 * `git cat-file --batch` started on first need. A hook whose staged blobs are all loose starts
 * no cat-file at all (~8 ms: each process start forks this one).
 */
export class StagedObjectReader {
  private catFile: CatFileReader | undefined;
  private limit = Number.POSITIVE_INFINITY;
  private closed = false;

  constructor(
    private readonly git: GitSpawnOptions,
    private readonly objectsDir: string | undefined,
  ) {}

  /** Objects larger than this come back without content (set before reading them). */
  set maxContentSize(bytes: number) {
    this.limit = bytes;
    if (this.catFile) this.catFile.maxContentSize = bytes;
  }

  /** Reads one object by id or by `<rev>:<path>`. */
  read(spec: string): Promise<GitObject> {
    if (this.closed) return Promise.reject(new UnleakError('UNLEAK_INTERNAL', `object ${spec} asked of a closed reader`));
    const loose = this.objectsDir === undefined ? undefined : readLooseBlob(this.objectsDir, spec, this.limit);
    return loose ? Promise.resolve(loose) : this.fallback().read(spec);
  }

  /** Ends git, when it was started. */
  async close(): Promise<void> {
    this.closed = true;
    await this.catFile?.close();
  }

  private fallback(): CatFileReader {
    if (!this.catFile) {
      this.catFile = new CatFileReader(this.git);
      if (Number.isFinite(this.limit)) this.catFile.maxContentSize = this.limit;
    }
    return this.catFile;
  }
}
