import type { BufferPool } from './buffer-pool.js';

/** One object of `git cat-file --batch` output. `content` is absent when the object is missing or over the size limit. */
export interface GitObject {
  oid: string;
  type: string;
  size: number;
  /** The object's bytes; undefined for a missing object, or one larger than the parser's `maxContentSize`. */
  content: Buffer | undefined;
  missing: boolean;
  /** For content in a pooled buffer (a parser given a pool): gives the buffer back; the content must not be used after. */
  release?: () => void;
}

/**
 * A streaming parser of `git cat-file --batch` output (`<oid> <type> <size>\n<content>\n`, or
 * `<oid> missing\n`). Feed it stdout chunks in order; it emits each object once complete.
 * Content is a zero-copy slice of the input when an object fits in one chunk.
 */
export class CatFileParser {
  private header: { oid: string; type: string; size: number } | undefined;
  private headerParts: Buffer[] = [];
  private bodyParts: Buffer[] = [];
  private bodyBytes = 0;
  private skipping = false;
  /** An object longer than the rest of its chunk, copied into a pooled buffer as it arrives (with a pool). */
  private target: Buffer | undefined;

  /**
   * @param maxContentSize objects larger than this are given without content (their bytes are
   * skipped, never held); may be changed before the objects it should apply to arrive.
   */
  constructor(
    private readonly emit: (object: GitObject) => void,
    public maxContentSize = Number.POSITIVE_INFINITY,
    private readonly pool?: BufferPool,
  ) {}

  /** Parses the next chunk of output. */
  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (!this.header) {
        const newline = chunk.indexOf(10, offset);
        if (newline === -1) {
          this.headerParts.push(chunk.subarray(offset));
          return;
        }
        this.headerParts.push(chunk.subarray(offset, newline));
        offset = newline + 1;
        this.startObject(Buffer.concat(this.headerParts).toString('utf8'));
        this.headerParts = [];
        const started = this.header as { size: number } | undefined;
        if (started && this.pool && !this.skipping && started.size + 1 > chunk.length - offset) {
          const size = started.size + 1;
          this.target = Buffer.from(this.pool.acquire(size), 0, size);
        }
        continue;
      }
      const need = this.header.size + 1 - this.bodyBytes;
      const take = Math.min(need, chunk.length - offset);
      if (this.target) chunk.copy(this.target, this.bodyBytes, offset, offset + take);
      else if (!this.skipping) this.bodyParts.push(chunk.subarray(offset, offset + take));
      this.bodyBytes += take;
      offset += take;
      if (take === need) this.finishObject();
    }
  }

  /** True when no object is half read. */
  get idle(): boolean {
    return !this.header && this.headerParts.length === 0;
  }

  private startObject(line: string): void {
    const header = parseBatchHeader(line);
    if ('missing' in header) {
      this.emit({ oid: header.oid, type: 'missing', size: 0, content: undefined, missing: true });
      return;
    }
    this.header = header;
    const { size } = header;
    this.skipping = size > this.maxContentSize;
    this.bodyParts = [];
    this.bodyBytes = 0;
  }

  private finishObject(): void {
    const header = this.header as { oid: string; type: string; size: number };
    let content: Buffer | undefined;
    const target = this.target;
    if (target) {
      this.target = undefined;
      const pool = this.pool as BufferPool;
      this.header = undefined;
      this.bodyBytes = 0;
      this.emit({
        ...header,
        content: target.subarray(0, header.size),
        missing: false,
        release: () => pool.release(target.buffer as ArrayBuffer),
      });
      return;
    }
    if (!this.skipping) {
      const whole = this.bodyParts.length === 1 ? (this.bodyParts[0] as Buffer) : Buffer.concat(this.bodyParts, this.bodyBytes);
      content = whole.subarray(0, header.size);
    }
    this.header = undefined;
    this.bodyParts = [];
    this.bodyBytes = 0;
    this.emit({ ...header, content, missing: false });
  }
}

/**
 * One header line of `git cat-file --batch` output: `<oid> <type> <size>`, or `<oid> missing` /
 * `<oid> ambiguous` (the object is given as missing). Throws on a size that is not one.
 */
export function parseBatchHeader(line: string): { oid: string; type: string; size: number } | { oid: string; missing: true } {
  const parts = line.split(' ');
  const last = parts[parts.length - 1] ?? '';
  if (parts.length < 3 || last === 'missing' || last === 'ambiguous') return { oid: parts.slice(0, -1).join(' '), missing: true };
  const size = Number(last);
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`unexpected git cat-file output: ${line.slice(0, 200)}`);
  return { oid: parts.slice(0, -2).join(' '), type: parts[parts.length - 2] as string, size };
}
