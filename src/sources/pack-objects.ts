import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { UnleakError } from '../errors.js';
import type { BufferPool } from './buffer-pool.js';
import { readLooseBlob } from './loose-objects.js';

/**
 * Blobs read straight from the repository's pack files (`objects/pack/pack-*.idx` version 2 and
 * their `.pack`), for history scans: git stores most versions of a file as a delta against
 * another version (its base), and a delta says which bytes are copied from the base and which are
 * new. A blob whose base was scanned needs a scan only around its new bytes (`fresh`), with no
 * line-by-line comparison of the two; and reading in this process spares the `git cat-file` that
 * rebuilt every blob in another process and piped it over. Pack format: git's
 * Documentation/gitformat-pack.txt.
 */

/** Where a packed object lies: its pack's number and its offset there, as one number (pack × 2^40 + offset). */
type Location = number;

const PACK_SHIFT = 2 ** 40;

/** One pack: its index (object names, offsets) and its open file. */
interface Pack {
  idx: Buffer;
  count: number;
  namesAt: number;
  offsetsAt: number;
  bigOffsetsAt: number;
  fd: number;
  size: number;
}

/** An object's header in its pack: its type (1 commit … 4 tag, 6 offset delta, 7 name delta), size, where its zlib data starts, and a delta's base. */
interface Header {
  type: number;
  size: number;
  dataAt: number;
  base?: Location;
}

/** A blob read from the packs. */
export interface PackedBlob {
  content: Buffer;
  /** For a blob stored as a delta (`copies` when asked for: see applyDelta): where its base (the object it was built from) lies, and its new bytes: [from, to) pairs of offsets, ascending, where a stretch is not a run of the base (inserted bytes, and the seams where runs of the base were joined out of their order, as empty pairs). */
  delta?: { base: Location; fresh: number[]; copies?: number[] };
  /** Gives a pooled content back (it must not be used after). */
  release: () => void;
}

/** Bytes of rebuilt bases kept at most for the blobs still to read (git keeps 96 MB: core.deltaBaseCacheLimit). */
const BASE_CACHE_BYTES = 64 * 1024 * 1024;

const TYPE_BLOB = 3;
const TYPE_OFS_DELTA = 6;
const TYPE_REF_DELTA = 7;

/**
 * The packs of one object store. `open` gives undefined where another store lends objects
 * (`objects/info/alternates`), for a partial clone (`.promisor` packs: git may fetch what is
 * missing) and for an index format other than version 2: history scans then read through git.
 */
export class PackObjects {
  private readonly cache = new Map<Location, Buffer>();
  private cached = 0;
  /** For each location: how many of the objects still to be read are built on it (`expect`). */
  private readonly children = new Map<Location, number>();
  private readonly headers = new Map<Location, Header>();
  private readonly scratch = Buffer.allocUnsafe(64);
  /** Where an object's zlib data is read to (grown as needed). */
  private compressed = Buffer.allocUnsafeSlow(64 * 1024);
  /** Contents in buffers of the pool (given back once no one reads them). */
  private readonly pooled = new Set<ArrayBuffer>();
  private closed = false;

  private constructor(
    private readonly objectsDir: string,
    private readonly packs: Pack[],
    private readonly idBytes: number,
    private readonly pool?: BufferPool,
  ) {}

  /** The packs of `objectsDir` with object ids of `idBytes` bytes (20: SHA-1, 32: SHA-256); undefined when they cannot be read here. */
  static open(objectsDir: string, idBytes: number, pool?: BufferPool): PackObjects | undefined {
    if (!PackObjects.usable(objectsDir)) return undefined;
    const packDir = join(objectsDir, 'pack');
    const packs: Pack[] = [];
    try {
      for (const name of readdirSync(packDir).sort()) {
        if (!name.endsWith('.idx')) continue;
        const packPath = join(packDir, `${name.slice(0, -4)}.pack`);
        if (!existsSync(packPath)) continue;
        const pack = openPack(join(packDir, name), packPath, idBytes);
        if (!pack) {
          for (const open of packs) closeSync(open.fd);
          return undefined;
        }
        packs.push(pack);
      }
    } catch {
      for (const open of packs) closeSync(open.fd);
      return undefined;
    }
    return new PackObjects(objectsDir, packs, idBytes, pool);
  }

  /** True when the object store's packs can be read here (see `open`): no alternates, no promisor packs. */
  static usable(objectsDir: string): boolean {
    try {
      const alternates = join(objectsDir, 'info', 'alternates');
      if (existsSync(alternates) && readFileSync(alternates, 'utf8').trim() !== '') return false;
      const packDir = join(objectsDir, 'pack');
      if (!existsSync(packDir)) return statSync(objectsDir).isDirectory();
      return !readdirSync(packDir).some((name) => name.endsWith('.promisor'));
    } catch {
      return false;
    }
  }

  /** Where an object lies in the packs; undefined when it is in none. */
  locate(oid: string): Location | undefined {
    if (oid.length !== this.idBytes * 2) return undefined;
    const name = Buffer.from(oid, 'hex');
    if (name.length !== this.idBytes) return undefined;
    for (let p = 0; p < this.packs.length; p++) {
      const pack = this.packs[p] as Pack;
      const first = name[0] as number;
      let low = first === 0 ? 0 : pack.idx.readUInt32BE(8 + (first - 1) * 4);
      let high = pack.idx.readUInt32BE(8 + first * 4);
      while (low < high) {
        const mid = (low + high) >>> 1;
        const at = pack.namesAt + mid * this.idBytes;
        const order = pack.idx.compare(name, 0, this.idBytes, at, at + this.idBytes);
        if (order === 0) return p * PACK_SHIFT + offsetOf(pack, mid);
        if (order < 0) low = mid + 1;
        else high = mid;
      }
    }
    return undefined;
  }

  /** For an object stored as a delta: where its base lies and the delta's size in bytes (its instructions and inserted bytes). */
  deltaOf(oid: string): { base: Location; bytes: number } | undefined {
    const at = this.locate(oid);
    const header = at === undefined ? undefined : this.header(at);
    return header?.base === undefined ? undefined : { base: header.base, bytes: header.size };
  }

  /**
   * Says which blobs will be read (in that order): the bases they are built on are then kept
   * rebuilt until the last blob built on them is read, within BASE_CACHE_BYTES.
   */
  expect(oids: Iterable<string>): void {
    const seen = new Set<Location>();
    for (const oid of oids) {
      let at = this.locate(oid);
      while (at !== undefined && !seen.has(at)) {
        seen.add(at);
        const base = this.header(at).base;
        if (base !== undefined) this.children.set(base, (this.children.get(base) ?? 0) + 1);
        at = base;
      }
    }
  }

  /**
   * A blob by id: from the packs (rebuilt from its deltas), else from a loose object; undefined
   * when it is in neither, or is not a blob. Throws UNLEAK_GIT_FAILED when a pack's data is corrupt.
   */
  read(oid: string, withCopies = false): PackedBlob | undefined {
    if (this.closed) throw new UnleakError('UNLEAK_INTERNAL', `object ${oid} asked of closed packs`);
    const at = this.locate(oid);
    if (at === undefined) {
      const loose = readLooseBlob(this.objectsDir, oid, 2 ** 31 - 64);
      return loose?.content ? { content: loose.content, release: () => undefined } : undefined;
    }
    try {
      return this.build(at, oid, withCopies);
    } catch (error) {
      if (error instanceof UnleakError) throw error;
      throw corrupt(oid, error);
    }
  }

  /** Closes the pack files and lets go of the kept bases. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const pack of this.packs) closeSync(pack.fd);
    for (const [at] of this.cache) this.evict(at);
    this.pooled.clear();
  }

  private build(at: Location, oid: string, withCopies: boolean): PackedBlob | undefined {
    const header = this.header(at);
    if (header.base === undefined) {
      if (header.type !== TYPE_BLOB) return undefined;
      const content = this.cache.get(at) ?? this.inflate(at, header, header.size);
      return this.handOut(at, content);
    }
    // The chain down to a kept or whole object, then each delta applied on the way back up.
    const chain: Location[] = [];
    let below: Location = at;
    let base: Buffer | undefined;
    for (;;) {
      const step = this.header(below);
      if (step.base === undefined) {
        if (step.type !== TYPE_BLOB) return undefined;
        base = this.inflate(below, step, step.size);
        this.keep(below, base);
        break;
      }
      chain.push(below);
      if (chain.length > 10_000) throw new UnleakError('UNLEAK_GIT_FAILED', `object ${oid}: delta chain too deep in the pack`);
      below = step.base;
      const kept = this.cache.get(below);
      if (kept) {
        base = kept;
        break;
      }
    }
    let fresh: number[] = [];
    const copies = withCopies ? [] : undefined;
    for (let i = chain.length - 1; i >= 0; i--) {
      const step = chain[i] as Location;
      const header = this.header(step);
      const delta = this.inflate(step, header, header.size);
      const baseAt = header.base as Location;
      const built = applyDelta(base, delta, (size) => this.fresh(size), i === 0 ? (fresh = []) : undefined, i === 0 ? copies : undefined);
      this.used(baseAt);
      base = built;
      if (i > 0) this.keep(step, built);
    }
    const content = base as Buffer;
    const blob = this.handOut(at, content);
    return { ...blob, delta: { base: header.base, fresh, copies } };
  }

  /** The blob read at `at`: kept while blobs to come are built on it, else pooled and given back after use. */
  private handOut(at: Location, content: Buffer): PackedBlob {
    if (this.cache.has(at)) return { content, release: () => undefined };
    if ((this.children.get(at) ?? 0) > 0 && this.keep(at, content)) return { content, release: () => undefined };
    return { content, release: () => this.giveBack(content) };
  }

  /** Keeps a rebuilt object that objects to come are built on; false when none is or it does not fit. */
  private keep(at: Location, content: Buffer): boolean {
    if ((this.children.get(at) ?? 0) <= 0 || this.cache.has(at)) return this.cache.has(at);
    if (content.length > BASE_CACHE_BYTES) return false;
    while (this.cached + content.length > BASE_CACHE_BYTES && this.cache.size) this.evict(this.cache.keys().next().value as Location);
    this.cache.set(at, content);
    this.cached += content.length;
    return true;
  }

  /** One object built on `at` was read: `at` goes once none to come is built on it. */
  private used(at: Location): void {
    const left = (this.children.get(at) ?? 0) - 1;
    if (left > 0) {
      this.children.set(at, left);
      return;
    }
    this.children.delete(at);
    this.evict(at);
  }

  private evict(at: Location): void {
    const content = this.cache.get(at);
    if (!content) return;
    this.cache.delete(at);
    this.cached -= content.length;
    this.giveBack(content);
  }

  private giveBack(content: Buffer): void {
    const buffer = content.buffer as ArrayBuffer;
    if (!this.pool || !this.pooled.has(buffer)) return;
    this.pooled.delete(buffer);
    this.pool.release(buffer);
  }

  /** A buffer for `size` bytes: from the pool when large. */
  private fresh(size: number): Buffer {
    if (!this.pool || size < 64 * 1024) return Buffer.allocUnsafe(size);
    const buffer = this.pool.acquire(size);
    this.pooled.add(buffer);
    return Buffer.from(buffer, 0, size);
  }

  private header(at: Location): Header {
    const known = this.headers.get(at);
    if (known) return known;
    const pack = this.packs[Math.floor(at / PACK_SHIFT)] as Pack;
    const offset = at % PACK_SHIFT;
    const bytes = this.scratch;
    const got = readSync(pack.fd, bytes, 0, bytes.length, offset);
    let i = 0;
    const next = () => {
      if (i >= got) throw new UnleakError('UNLEAK_GIT_FAILED', `pack object header at ${offset} cut short`);
      return bytes[i++] as number;
    };
    let byte = next();
    const type = (byte >> 4) & 7;
    let size = byte & 15;
    let shift = 4;
    while (byte & 0x80) {
      byte = next();
      size += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    }
    let base: Location | undefined;
    if (type === TYPE_OFS_DELTA) {
      byte = next();
      let back = byte & 0x7f;
      while (byte & 0x80) {
        byte = next();
        back = (back + 1) * 128 + (byte & 0x7f);
      }
      if (back <= 0 || back > offset) throw new UnleakError('UNLEAK_GIT_FAILED', `pack object at ${offset}: bad delta base offset`);
      base = at - back;
    } else if (type === TYPE_REF_DELTA) {
      if (i + this.idBytes > got) throw new UnleakError('UNLEAK_GIT_FAILED', `pack object header at ${offset} cut short`);
      const name = bytes.toString('hex', i, i + this.idBytes);
      i += this.idBytes;
      base = this.locate(name);
      if (base === undefined) throw new UnleakError('UNLEAK_GIT_FAILED', `delta base ${name} is not in the packs`);
    } else if (type < 1 || type > 4) throw new UnleakError('UNLEAK_GIT_FAILED', `pack object at ${offset}: unknown type ${type}`);
    const header: Header = { type, size, dataAt: offset + i, base };
    this.headers.set(at, header);
    return header;
  }

  /** The zlib data of the object at `at`, inflated to exactly `size` bytes. */
  private inflate(at: Location, header: Header, size: number): Buffer {
    const pack = this.packs[Math.floor(at / PACK_SHIFT)] as Pack;
    // Deflate grows data by at most 5 bytes per 16 KB block, plus its header and checksum.
    const length = Math.min(pack.size - header.dataAt, size + Math.ceil(size / 16_000) * 5 + 64);
    if (this.compressed.length < length) this.compressed = Buffer.allocUnsafeSlow(Math.max(length, this.compressed.length * 2));
    const got = readSync(pack.fd, this.compressed, 0, length, header.dataAt);
    // The output is zlib's own buffer (a copy into a pooled one would write every byte twice).
    // One output chunk of the size known (zlib's default 16 KB chunks are joined at the end: a third slower).
    const out = inflateSync(this.compressed.subarray(0, got), { maxOutputLength: Math.max(size, 1), chunkSize: Math.max(64, size + 1) });
    if (out.length !== size)
      throw new UnleakError('UNLEAK_GIT_FAILED', `pack object at ${header.dataAt}: ${out.length} bytes, ${size} expected`);
    return out;
  }
}

/**
 * The object store a history scan reads in this process (`<common dir>/objects`), or undefined:
 * where git is told to look elsewhere for objects (GIT_OBJECT_DIRECTORY,
 * GIT_ALTERNATE_OBJECT_DIRECTORIES), where its packs cannot be read here (PackObjects.usable),
 * with UNLEAK_HISTORY_LINES=1 (through git, each version diffed by lines against its previous
 * one: to compare, or to rule this reader out) and with UNLEAK_HISTORY_WHOLE_BLOBS=1 (every
 * version whole, through git: what the scans on fresh lines are checked against).
 */
export function packedObjectsDir(commonDir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.env.UNLEAK_HISTORY_LINES === '1' || process.env.UNLEAK_HISTORY_WHOLE_BLOBS === '1') return undefined;
  if (env.GIT_OBJECT_DIRECTORY || env.GIT_ALTERNATE_OBJECT_DIRECTORIES) return undefined;
  if (mayReplaceObjects(commonDir, env)) return undefined;
  const objectsDir = join(commonDir, 'objects');
  return PackObjects.usable(objectsDir) ? objectsDir : undefined;
}

/**
 * True when git may hand out another object in place of a stored one (`git replace`: refs under
 * refs/replace/, which `git cat-file` and the history walk follow): the packs hold the stored
 * one, so such a history is read through git, and scans the same whichever way it is read.
 * Unless GIT_NO_REPLACE_OBJECTS turns replacement off; taken as true where the replace refs are
 * not read here (GIT_REPLACE_REF_BASE, a reftable ref store) or cannot be read.
 */
function mayReplaceObjects(commonDir: string, env: NodeJS.ProcessEnv): boolean {
  if (env.GIT_NO_REPLACE_OBJECTS !== undefined) return false;
  if (env.GIT_REPLACE_REF_BASE) return true;
  try {
    if (existsSync(join(commonDir, 'reftable'))) return true;
    const loose = join(commonDir, 'refs', 'replace');
    if (existsSync(loose) && readdirSync(loose).length > 0) return true;
    const packedRefs = join(commonDir, 'packed-refs');
    return existsSync(packedRefs) && readFileSync(packedRefs, 'latin1').includes(' refs/replace/');
  } catch {
    return true;
  }
}

/**
 * A guess, before git is asked, that a history scan from `cwd` will read the packs here (its
 * `.git` folder found above, packedObjectsDir): then no `git cat-file` is started ahead for it.
 * False where git would be told otherwise (GIT_DIR) or `.git` is a file (a linked worktree, a
 * submodule): a wrong guess costs only that early start.
 */
export function likelyPacked(cwd: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GIT_DIR || env.GIT_COMMON_DIR) return false;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    try {
      if (statSync(dotGit).isDirectory()) return packedObjectsDir(dotGit, env) !== undefined;
      return false;
    } catch {
      // No .git here: the folder above.
    }
    if (dirname(dir) === dir) return false;
  }
}

function openPack(idxPath: string, packPath: string, idBytes: number): Pack | undefined {
  const idx = readFileSync(idxPath);
  if (idx.length < 8 + 1024 || idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) return undefined;
  const count = idx.readUInt32BE(8 + 255 * 4);
  const namesAt = 8 + 1024;
  const crcsAt = namesAt + count * idBytes;
  const offsetsAt = crcsAt + count * 4;
  const bigOffsetsAt = offsetsAt + count * 4;
  if (idx.length < bigOffsetsAt + 2 * idBytes) return undefined;
  const fd = openSync(packPath, 'r');
  const head = Buffer.alloc(12);
  readSync(fd, head, 0, 12, 0);
  const version = head.readUInt32BE(4);
  if (head.toString('latin1', 0, 4) !== 'PACK' || (version !== 2 && version !== 3) || head.readUInt32BE(8) !== count) {
    closeSync(fd);
    return undefined;
  }
  return { idx, count, namesAt, offsetsAt, bigOffsetsAt, fd, size: fstatSync(fd).size };
}

function offsetOf(pack: Pack, index: number): number {
  const small = pack.idx.readUInt32BE(pack.offsetsAt + index * 4);
  if (small < 0x80000000) return small;
  const big = pack.bigOffsetsAt + (small & 0x7fffffff) * 8;
  return pack.idx.readUInt32BE(big) * 2 ** 32 + pack.idx.readUInt32BE(big + 4);
}

function corrupt(oid: string, cause: unknown): UnleakError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new UnleakError('UNLEAK_GIT_FAILED', `unable to read object ${oid} from its pack: ${detail}`, { cause });
}

/** Copies this short are done byte by byte: a native copy's call costs more. */
const SHORT_COPY = 48;

/**
 * Rebuilds an object from its base and a delta (two sizes as base-128 numbers, then copy and
 * insert instructions). With `fresh`, records the stretches of the result that are not runs of
 * the base in their place: inserted bytes, and a seam (an empty pair) wherever a copy does not
 * continue the bytes of the base that came before it (at the start, between runs taken out of
 * order, at the end when the base went on), since text around a seam is new even though each
 * side is old. With `copies`, records each copy as (offset in the result, offset in the base, length).
 */
export function applyDelta(base: Buffer, delta: Buffer, allocate: (size: number) => Buffer, fresh?: number[], copies?: number[]): Buffer {
  let i = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      if (i >= delta.length) throw new Error('delta cut short');
      byte = delta[i++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  if (varint() !== base.length) throw new Error('delta base size differs');
  const size = varint();
  const out = allocate(size);
  let at = 0;
  // Where the base's bytes before `at` end (the run a copy from there continues); -1 after an insert.
  let runEnd = 0;
  const mark = (from: number, to: number) => {
    if (!fresh) return;
    const last = fresh.length - 1;
    if (last > 0 && (fresh[last] as number) >= from) fresh[last] = Math.max(fresh[last] as number, to);
    else fresh.push(from, to);
  };
  while (i < delta.length) {
    const op = delta[i++] as number;
    if (op & 0x80) {
      let offset = 0;
      let length = 0;
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) offset += (delta[i++] as number) * 2 ** (8 * bit);
      for (let bit = 0; bit < 3; bit++) if (op & (16 << bit)) length += (delta[i++] as number) * 2 ** (8 * bit);
      if (length === 0) length = 0x10000;
      if (offset + length > base.length || at + length > size) throw new Error('delta copies out of bounds');
      if (offset !== runEnd) mark(at, at);
      if (length > SHORT_COPY) base.copy(out, at, offset, offset + length);
      else for (let k = 0; k < length; k++) out[at + k] = base[offset + k] as number;
      copies?.push(at, offset, length);
      at += length;
      runEnd = offset + length;
    } else if (op !== 0) {
      if (i + op > delta.length || at + op > size) throw new Error('delta inserts out of bounds');
      if (op > SHORT_COPY) delta.copy(out, at, i, i + op);
      else for (let k = 0; k < op; k++) out[at + k] = delta[i + k] as number;
      mark(at, at + op);
      i += op;
      at += op;
      runEnd = -1;
    } else throw new Error('delta has a reserved instruction');
  }
  if (at !== size) throw new Error('delta result size differs');
  if (runEnd !== base.length) mark(at, at);
  return out;
}
