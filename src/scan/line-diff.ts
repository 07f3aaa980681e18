import type { BufferPool } from '../sources/index.js';

/**
 * Line-set differences between versions of a file, for history scans: a blob that replaced
 * another at the same path is scanned only on the lines the older version did not have (its
 * "focus"), since every other line was scanned in the older version already. Lines are compared
 * by two independent 32-bit hashes (64 bits: a line is wrongly taken for an old one about once
 * in 10^19 comparisons), not by content, so an older version is kept as a table of numbers,
 * not as text.
 */

/** The lines of one text: where each starts and ends, and its two hashes. */
export interface TextLines {
  /** Offset of each line's first character. */
  starts: Int32Array;
  /** Offset just past each line's last character (the `\n` excluded). */
  ends: Int32Array;
  first: Int32Array;
  second: Int32Array;
  count: number;
}

/** The part of a text's lines a comparison with a newer version reads: the hashes (what a kept version holds). */
export type LineHashes = Pick<TextLines, 'first' | 'second' | 'count'>;

/**
 * Splits bytes into lines (at `\n`) and hashes each: an FNV-1a-like and a multiply-add hash,
 * four bytes at a time, the length folded in. Equal lines hash equally wherever they start.
 * The word that holds a line's newline is not gone through byte by byte: the newline's place
 * comes from the word's zero-byte mask, and the bytes before it are hashed as one masked word.
 */
export function hashLines(bytes: Uint8Array, pool?: BufferPool): TextLines {
  const n = bytes.length;
  let capacity = Math.max(16, (n >>> 5) + 16);
  const fresh = (length: number): Int32Array<ArrayBuffer> =>
    pool ? new Int32Array(pool.acquire(length * 4), 0, length) : new Int32Array(length);
  const grow = (array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> => {
    const bigger = fresh(length);
    bigger.set(array);
    pool?.release(array.buffer);
    return bigger;
  };
  let starts = fresh(capacity);
  let ends = fresh(capacity);
  let first = fresh(capacity);
  let second = fresh(capacity);
  const words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  let lineStart = 0;
  for (;;) {
    let h1 = 0x811c9dc5 | 0;
    let h2 = 0x2545f491;
    let i = lineStart;
    let end = -1;
    // Whole words until one holds a newline (a zero byte in word ^ 0x0a0a0a0a; the lowest flagged byte is the first newline).
    for (; i + 4 <= n; i += 4) {
      const word = words.getInt32(i, true);
      const x = word ^ 0x0a0a0a0a;
      const newlines = (x - 0x01010101) & ~x & 0x80808080;
      if (newlines !== 0) {
        const before = (31 - Math.clz32(newlines & -newlines)) >>> 3;
        if (before > 0) {
          const part = word & ((1 << (before * 8)) - 1);
          h1 = Math.imul(h1 ^ part, 0x01000193);
          h2 = Math.imul(h2 + part, 0x9e3779b1);
        }
        end = i + before;
        break;
      }
      h1 = Math.imul(h1 ^ word, 0x01000193);
      h2 = Math.imul(h2 + word, 0x9e3779b1);
    }
    if (end === -1) {
      // The last bytes (fewer than four): gathered into one word the same way.
      let part = 0;
      let held = 0;
      for (; i < n; i++) {
        const code = bytes[i] as number;
        if (code === 10) break;
        part |= code << (held * 8);
        held += 1;
      }
      if (held > 0) {
        h1 = Math.imul(h1 ^ part, 0x01000193);
        h2 = Math.imul(h2 + part, 0x9e3779b1);
      }
      end = i;
    }
    if (end === n && lineStart === n && count > 0) break;
    if (count === capacity) {
      capacity *= 2;
      starts = grow(starts, capacity);
      ends = grow(ends, capacity);
      first = grow(first, capacity);
      second = grow(second, capacity);
    }
    starts[count] = lineStart;
    ends[count] = end;
    first[count] = h1 ^ (end - lineStart);
    second[count] = h2 ^ (h2 >>> 15);
    count += 1;
    if (end >= n) break;
    lineStart = end + 1;
  }
  return { starts, ends, first, second, count };
}

/** Gives the arrays of lines hashed with a pool back to it: all of them, or those a kept version lets go of or still holds. */
export function releaseLines(lines: Partial<Pick<TextLines, 'starts' | 'ends' | 'first' | 'second'>>, pool: BufferPool): void {
  for (const array of [lines.starts, lines.ends, lines.first, lines.second]) if (array) pool.release(array.buffer as ArrayBuffer);
}

/**
 * Lines a lookup may scan before the table is built, per line of the text: a scan of the hash
 * array (a native indexOf, about 0.3 ns a line) costs a hundredth of a table's building (about
 * 30 ns a line), and most versions ask a few dozen lines of a table of a hundred thousand (a
 * block moved in a bundle), so the table is built only for a text asked many times.
 */
const SCANS_BEFORE_TABLE = 24;

/**
 * The set of a text's lines (by hash), answering "which line of that text is this one?": by
 * scanning the first hashes (natively) for the first few lookups, then in constant time through
 * open addressing over a typed array of line numbers (the hashes are read from the lines
 * themselves), four bytes a slot, built once the scans have cost a good part of building it.
 */
export class LineSet {
  private mask = 0;
  /** Line number + 1 of each slot (0: an empty slot); undefined until built. */
  private slots: Int32Array | undefined;
  /** Lines the scans may still go through before the table is built. */
  private scanBudget: number;

  constructor(
    readonly lines: LineHashes,
    private readonly pool?: BufferPool,
  ) {
    this.scanBudget = lines.count * SCANS_BEFORE_TABLE;
  }

  /** The 0-based number of the first line with these hashes, or -1. */
  find(a: number, b: number): number {
    if (!this.slots) {
      if (this.scanBudget > 0) return this.scan(a, b);
      this.build();
    }
    const slots = this.slots as Int32Array;
    const mask = this.mask;
    const { first, second } = this.lines;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      const held = slots[slot] as number;
      if (held === 0) return -1;
      if (first[held - 1] === a && second[held - 1] === b) return held - 1;
      slot = (slot + 1) & mask;
    }
  }

  /** find by going through the first hashes in order (their arrays may be longer than the count: only the lines are looked at). */
  private scan(a: number, b: number): number {
    const { first, second, count } = this.lines;
    const firsts = first.length === count ? first : first.subarray(0, count);
    let from = 0;
    for (;;) {
      const at = firsts.indexOf(a, from);
      this.scanBudget -= (at === -1 ? count : at + 1) - from;
      if (at === -1) return -1;
      if (second[at] === b) return at;
      from = at + 1;
    }
  }

  private build(): void {
    const { lines, pool } = this;
    let size = 16;
    while (size < lines.count + (lines.count >>> 1)) size *= 2;
    const mask = (this.mask = size - 1);
    const slots = (this.slots = pool ? new Int32Array(pool.acquire(size * 4), 0, size).fill(0) : new Int32Array(size));
    const { first, second } = lines;
    for (let line = 0; line < lines.count; line++) {
      const a = first[line] as number;
      const b = second[line] as number;
      let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
      for (;;) {
        const held = slots[slot] as number;
        if (held === 0) {
          slots[slot] = line + 1;
          break;
        }
        if (first[held - 1] === a && second[held - 1] === b) break;
        slot = (slot + 1) & mask;
      }
    }
  }

  /** Gives the table back to the pool it came from, if it was built (the lines stay). */
  release(): void {
    if (this.slots) this.pool?.release(this.slots.buffer as ArrayBuffer);
    this.slots = undefined;
  }

  /** Bytes held (the table, once built, and the lines' hashes), for memory accounting. */
  get bytes(): number {
    return (this.slots?.byteLength ?? 0) + this.lines.count * 8;
  }
}

/** How far ahead in the older version a line is looked for before the lookup table is used. */
const RESYNC_LINES = 64;

/** Consecutive lines not found near the expected place before the lookup table is built. */
const LOST_LINES = 8;

/**
 * The spans [start, end) of `lines`' runs of lines that the older version does not hold, in text
 * order, adjacent lines merged (a span ends at its last line's end, before the `\n`). Versions of
 * a file share long runs of lines: each line is first compared with the line after the last one
 * matched, then with the next RESYNC_LINES lines (an edit, an insertion, a short deletion); only
 * after LOST_LINES lines found in neither is the older version's lookup table built (`table`,
 * once) and asked (moved blocks, long deletions).
 */
export function newLineSpans(lines: TextLines, older: LineHashes, table: () => LineSet): [number, number][] {
  const spans: [number, number][] = [];
  const { first, second } = lines;
  const olderFirst = older.first;
  const olderSecond = older.second;
  const olderCount = older.count;
  let expected = 0;
  let set: LineSet | undefined;
  /** Lines found neither in place nor just ahead, not yet judged: new if a match follows soon, else asked of the table. */
  const lost: number[] = [];
  let last: [number, number] | undefined;
  const addNew = (line: number) => {
    const start = lines.starts[line] as number;
    const end = lines.ends[line] as number;
    if (last && last[1] + 1 >= start) last[1] = end;
    else spans.push((last = [start, end]));
  };
  const flushLost = () => {
    for (const line of lost) addNew(line);
    lost.length = 0;
  };
  for (let line = 0; line < lines.count; line++) {
    const a = first[line] as number;
    const b = second[line] as number;
    let at = -1;
    if (expected < olderCount && olderFirst[expected] === a && olderSecond[expected] === b) at = expected;
    else {
      const limit = Math.min(olderCount, expected + 1 + RESYNC_LINES);
      for (let ahead = expected + 1; ahead < limit; ahead++) {
        if (olderFirst[ahead] === a && olderSecond[ahead] === b) {
          at = ahead;
          break;
        }
      }
    }
    if (at === -1 && set) {
      const found = set.find(a, b);
      if (found !== -1) {
        // An old line: read on from there only if the next line follows it there too (a line such as `}` is everywhere).
        if (lost.length) flushLost();
        if (line + 1 < lines.count && first[line + 1] === olderFirst[found + 1] && second[line + 1] === olderSecond[found + 1])
          expected = found + 1;
        continue;
      }
    }
    if (at !== -1) {
      // A match right after a few lost lines: those were replaced, so new.
      if (lost.length) flushLost();
      expected = at + 1;
      continue;
    }
    if (set) {
      addNew(line);
      continue;
    }
    lost.push(line);
    if (lost.length < LOST_LINES) continue;
    // Lost for a while (a moved block, a long deletion): from now on the table is asked too, the lost lines first.
    set = table();
    for (const held of lost) {
      const found = set.find(first[held] as number, second[held] as number);
      if (found === -1) addNew(held);
      else expected = found + 1;
    }
    lost.length = 0;
  }
  flushLost();
  return spans;
}
