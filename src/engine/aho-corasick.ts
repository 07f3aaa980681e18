const COLUMNS = 129;
const OTHER = 128;
const LOWER = new Uint8Array(128);
for (let code = 0; code < 128; code++) LOWER[code] = code >= 65 && code <= 90 ? code + 32 : code;

/**
 * An Aho-Corasick automaton over ASCII-lower-cased text, compiled to a dense transition table:
 * one table read per character finds every occurrence of every keyword in a single pass,
 * several times faster than a RegExp alternation of the same keywords.
 * Keywords must be lower-case ASCII.
 */
export class KeywordAutomaton {
  private readonly delta: Int32Array;
  /** For each state: where its keyword list starts in `outputs`, and how long it is. */
  private readonly outStart: Int32Array;
  private readonly outLength: Int32Array;
  private readonly outputs: Int32Array;
  private readonly lengths: Int32Array;

  constructor(keywords: readonly string[]) {
    const bound = keywords.reduce((sum, keyword) => sum + keyword.length, 0) + 1;
    const delta = new Int32Array(bound * COLUMNS).fill(-1);
    const own = new Map<number, number[]>();
    let count = 1;
    keywords.forEach((keyword, index) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const code = keyword.charCodeAt(i);
        const at = state * COLUMNS + (code < 128 ? (LOWER[code] as number) : OTHER);
        if ((delta[at] as number) === -1) delta[at] = count++;
        state = delta[at] as number;
      }
      own.set(state, [...(own.get(state) ?? []), index]);
    });
    const fail = new Int32Array(count);
    const outs = new Map<number, number[]>(own);
    const queue: number[] = [];
    for (let col = 0; col < COLUMNS; col++) {
      const child = delta[col] as number;
      if (child === -1) delta[col] = 0;
      else queue.push(child);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const inherited = outs.get(fail[state] as number);
      if (inherited) outs.set(state, [...(outs.get(state) ?? []), ...inherited]);
      const row = state * COLUMNS;
      const failRow = (fail[state] as number) * COLUMNS;
      for (let col = 0; col < COLUMNS; col++) {
        const child = delta[row + col] as number;
        if (child === -1) delta[row + col] = delta[failRow + col] as number;
        else {
          fail[child] = delta[failRow + col] as number;
          queue.push(child);
        }
      }
    }
    this.delta = delta.subarray(0, count * COLUMNS);
    this.outStart = new Int32Array(count);
    this.outLength = new Int32Array(count);
    const flat: number[] = [];
    for (const [state, list] of [...outs].sort(([a], [b]) => a - b)) {
      this.outStart[state] = flat.length;
      this.outLength[state] = list.length;
      flat.push(...list);
    }
    this.outputs = Int32Array.from(flat);
    this.lengths = Int32Array.from(keywords.map((k) => k.length));
  }

  /** Calls `onHit(keywordIndex, start)` for every occurrence of every keyword, in order of their end. */
  scan(text: string, onHit: (keyword: number, start: number) => void): void {
    const { delta, outStart, outLength, outputs, lengths } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      state = delta[state * COLUMNS + (code < 128 ? (LOWER[code] as number) : OTHER)] as number;
      const found = outLength[state] as number;
      if (found !== 0) {
        const from = outStart[state] as number;
        for (let j = 0; j < found; j++) {
          const keyword = outputs[from + j] as number;
          onHit(keyword, i - (lengths[keyword] as number) + 1);
        }
      }
    }
  }
}

/** True when every keyword is ASCII, so the automaton can serve them all. */
export function allAscii(keywords: readonly string[]): boolean {
  return keywords.every((keyword) => [...keyword].every((ch) => ch.charCodeAt(0) < 128));
}
