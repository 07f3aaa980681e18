/** 1-based line and column (UTF-16 code units) of an offset. */
export interface Position {
  line: number;
  column: number;
}

/** Maps offsets of a text to line and column; CRLF and CR-free text alike (a line ends at `\n`). */
export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    const starts = [0];
    let at = text.indexOf('\n');
    while (at !== -1) {
      starts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    this.starts = starts;
  }

  /** 0-based index of the line holding `offset`. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Position of `offset`; `lineNumbers` renumbers lines (added lines of a diff). */
  position(offset: number, lineNumbers?: number[]): Position {
    const index = this.lineOf(offset);
    const column = offset - (this.starts[index] as number) + 1;
    return { line: lineNumbers?.[index] ?? index + 1, column };
  }

  /** Start offset of a 0-based line. */
  lineStart(index: number): number {
    return this.starts[index] ?? 0;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
