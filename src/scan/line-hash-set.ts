/**
 * Lines the sets sharing one budget hold at most: a history segment's sets take 32-64 MB at most
 * (8 bytes a slot, a quarter to a half of the slots used). A line not held is scanned again where
 * it recurs: slower, never wrong.
 */
export const LINE_SET_BUDGET = 2 * 1024 * 1024;

/**
 * A growing set of lines by their two 32-bit hashes (src/scan/line-diff.ts: hashLines), in one
 * typed array (open addressing, linear probing): a history segment remembers every line it has
 * scanned, a million of them in 16 MB, without a JavaScript object per line. A slot is its two
 * hashes side by side, (0, 0) when empty (the pair (0, 0) itself is held by a flag), so a probe
 * reads one cache line: the table outgrows the caches, and two arrays cost two misses a probe.
 * Sets made with one `budget` hold its `lines` in all; once spent, `add` holds no more.
 */
export class LineHashSet {
  constructor(private readonly budget: { lines: number } = { lines: LINE_SET_BUDGET }) {}

  /** Pairs (first, second) per slot, (0, 0) for an empty slot. */
  private pairs = new Int32Array(2 * 1024);
  private mask = 1023;
  private count = 0;
  /** The pair (0, 0), which an empty slot looks like, is held. */
  private zero = false;

  get size(): number {
    return this.count;
  }

  has(first: number, second: number): boolean {
    if ((first | second) === 0) return this.zero;
    const pairs = this.pairs;
    const mask = this.mask;
    // The slot: as slotOf, written out (this runs once per line of a history).
    for (let slot = (Math.imul(first ^ (second >>> 7), 0x9e3779b1) >>> 0) & mask; ; slot = (slot + 1) & mask) {
      const a = pairs[2 * slot] as number;
      const b = pairs[2 * slot + 1] as number;
      if (a === first && b === second) return true;
      if ((a | b) === 0) return false;
    }
  }

  add(first: number, second: number): void {
    if (this.budget.lines <= 0) return;
    if ((first | second) === 0) {
      if (!this.zero) this.spend();
      this.zero = true;
      return;
    }
    if ((this.count + 1) * 4 > this.pairs.length) this.grow();
    const pairs = this.pairs;
    const mask = this.mask;
    for (let slot = (Math.imul(first ^ (second >>> 7), 0x9e3779b1) >>> 0) & mask; ; slot = (slot + 1) & mask) {
      const a = pairs[2 * slot] as number;
      const b = pairs[2 * slot + 1] as number;
      if (a === first && b === second) return;
      if ((a | b) === 0) {
        pairs[2 * slot] = first;
        pairs[2 * slot + 1] = second;
        this.spend();
        return;
      }
    }
  }

  private spend(): void {
    this.count += 1;
    this.budget.lines -= 1;
  }

  private slotOf(first: number, second: number): number {
    return (Math.imul(first ^ (second >>> 7), 0x9e3779b1) >>> 0) & this.mask;
  }

  private grow(): void {
    const pairs = this.pairs;
    this.pairs = new Int32Array(pairs.length * 2);
    this.mask = this.pairs.length / 2 - 1;
    for (let slot = 0; 2 * slot < pairs.length; slot++) {
      const first = pairs[2 * slot] as number;
      const second = pairs[2 * slot + 1] as number;
      if ((first | second) !== 0) this.place(first, second);
    }
  }

  /** Puts a pair known to be absent, not (0, 0), into a free slot (growing). */
  private place(first: number, second: number): void {
    const pairs = this.pairs;
    let slot = this.slotOf(first, second);
    while (((pairs[2 * slot] as number) | (pairs[2 * slot + 1] as number)) !== 0) slot = (slot + 1) & this.mask;
    pairs[2 * slot] = first;
    pairs[2 * slot + 1] = second;
  }
}
