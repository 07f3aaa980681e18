/**
 * Lines the sets sharing one budget hold at most: a history segment's sets take 36-72 MB at most
 * (9 bytes a slot, a quarter to a half of the slots used). A line not held is scanned again where
 * it recurs: slower, never wrong.
 */
export const LINE_SET_BUDGET = 2 * 1024 * 1024;

/**
 * A growing set of lines by their two 32-bit hashes (src/scan/line-diff.ts: hashLines), in typed
 * arrays (open addressing, linear probing): a history segment remembers every line it has
 * scanned, a million of them in 16 MB, without a JavaScript object per line. Sets made with one
 * `budget` hold its `lines` in all; once spent, `add` holds no more.
 */
export class LineHashSet {
  constructor(private readonly budget: { lines: number } = { lines: LINE_SET_BUDGET }) {}

  /** Pairs (first, second) per slot; a slot is empty when `used` says so. */
  private pairs = new Int32Array(2 * 1024);
  private used = new Uint8Array(1024);
  private mask = 1023;
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(first: number, second: number): boolean {
    for (let slot = this.slotOf(first, second); ; slot = (slot + 1) & this.mask) {
      if (!this.used[slot]) return false;
      if (this.pairs[2 * slot] === first && this.pairs[2 * slot + 1] === second) return true;
    }
  }

  add(first: number, second: number): void {
    if (this.budget.lines <= 0) return;
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    for (let slot = this.slotOf(first, second); ; slot = (slot + 1) & this.mask) {
      if (!this.used[slot]) {
        this.used[slot] = 1;
        this.pairs[2 * slot] = first;
        this.pairs[2 * slot + 1] = second;
        this.count += 1;
        this.budget.lines -= 1;
        return;
      }
      if (this.pairs[2 * slot] === first && this.pairs[2 * slot + 1] === second) return;
    }
  }

  private slotOf(first: number, second: number): number {
    return (Math.imul(first ^ (second >>> 7), 0x9e3779b1) >>> 0) & this.mask;
  }

  private grow(): void {
    const { pairs, used } = this;
    this.used = new Uint8Array(used.length * 2);
    this.pairs = new Int32Array(pairs.length * 2);
    this.mask = this.used.length - 1;
    for (let slot = 0; slot < used.length; slot++) if (used[slot]) this.place(pairs[2 * slot] as number, pairs[2 * slot + 1] as number);
  }

  /** Puts a pair known to be absent into a free slot (growing). */
  private place(first: number, second: number): void {
    let slot = this.slotOf(first, second);
    while (this.used[slot]) slot = (slot + 1) & this.mask;
    this.used[slot] = 1;
    this.pairs[2 * slot] = first;
    this.pairs[2 * slot + 1] = second;
  }
}
