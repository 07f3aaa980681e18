/** A half-open span of offsets, `[start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Answers "does any of these spans overlap `[start, end)`?" in logarithmic time: the spans
 * sorted by start, with the largest end among each prefix. Checking every finding of a chunk
 * against every other would be quadratic on a file with many matches.
 */
export class SpanIndex {
  private readonly starts: number[] = [];
  private readonly maxEnds: number[] = [];

  constructor(spans: Iterable<Span>) {
    const sorted = Array.from(spans).sort((a, b) => a.start - b.start);
    let maxEnd = -Infinity;
    for (const span of sorted) {
      maxEnd = Math.max(maxEnd, span.end);
      this.starts.push(span.start);
      this.maxEnds.push(maxEnd);
    }
  }

  /** True when some span shares at least one offset with `[start, end)`. */
  overlaps(start: number, end: number): boolean {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.starts[mid] as number) < end) low = mid + 1;
      else high = mid;
    }
    return low > 0 && (this.maxEnds[low - 1] as number) > start;
  }
}
