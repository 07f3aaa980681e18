/**
 * Reusable memory for large, short-lived arrays (blob contents, line tables) of a history scan.
 * A fresh multi-megabyte allocation is paid in page faults, often more than the work done on
 * it; a released buffer is handed out again instead. Per thread; at most MAX_POOLED bytes wait.
 */
export class BufferPool {
  private readonly free: ArrayBuffer[] = [];
  private pooled = 0;

  /**
   * An ArrayBuffer of at least `bytes` (new ones an eighth larger, so the next version of a
   * growing file fits too). Its content is arbitrary. A waiting buffer is handed out only for a
   * request of at least about half its size: a 10 MB buffer given to a 3 MB blob leaves the next
   * 9 MB blob to a fresh allocation (most of a history's fresh bytes, before this rule).
   */
  acquire(bytes: number): ArrayBuffer {
    let best = -1;
    const largest = bytes * 2 + MIN_POOLED;
    for (let i = 0; i < this.free.length; i++) {
      const size = (this.free[i] as ArrayBuffer).byteLength;
      if (size >= bytes && size <= largest && (best === -1 || size < (this.free[best] as ArrayBuffer).byteLength)) best = i;
    }
    if (best !== -1) {
      const [buffer] = this.free.splice(best, 1) as [ArrayBuffer];
      this.pooled -= buffer.byteLength;
      return buffer;
    }
    // A small one as any (Buffer's unsafe allocation costs more per call than zeroing a few bytes); a large one not
    // zero-filled (its content is arbitrary anyway): it costs its page faults, not also a pass of zeros.
    if (bytes <= MIN_POOLED) return new ArrayBuffer(bytes);
    return Buffer.allocUnsafeSlow(Math.ceil((bytes * 1.125) / MIN_POOLED) * MIN_POOLED).buffer;
  }

  /** Gives a buffer back (it must not be used after this). */
  release(buffer: ArrayBuffer): void {
    if (buffer.byteLength < MIN_POOLED) return;
    this.free.push(buffer);
    this.pooled += buffer.byteLength;
    while (this.pooled > MAX_POOLED) {
      const smallest = this.free.reduce((at, b, i, all) => (b.byteLength < (all[at] as ArrayBuffer).byteLength ? i : at), 0);
      const [dropped] = this.free.splice(smallest, 1) as [ArrayBuffer];
      this.pooled -= dropped.byteLength;
    }
  }
}

/** Smaller buffers come from the allocator's own reusable memory anyway. */
const MIN_POOLED = 64 * 1024;
/** At most this many bytes wait in a pool: a scan's memory stays bounded (the history target: 300 MB for a 1 GB history). */
const MAX_POOLED = 48 * 1024 * 1024;

/** This thread's pool. */
export const threadPool = new BufferPool();
