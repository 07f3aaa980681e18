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
    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    keywords.forEach((keyword, index) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const code = keyword.charCodeAt(i);
        const col = code < 128 ? (LOWER[code] as number) : OTHER;
        let next = children[state]?.get(col);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          own.push([]);
          children[state]?.set(col, next);
        }
        state = next;
      }
      own[state]?.push(index);
    });
    const count = children.length;
    const delta = new Int32Array(count * COLUMNS);
    const fail = new Int32Array(count);
    const outs: number[][] = own.map((list) => [...list]);
    const queue: number[] = [];
    for (let col = 0; col < COLUMNS; col++) {
      const child = children[0]?.get(col);
      delta[col] = child ?? 0;
      if (child !== undefined) queue.push(child);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      outs[state]?.push(...(outs[fail[state] as number] ?? []));
      for (let col = 0; col < COLUMNS; col++) {
        const child = children[state]?.get(col);
        const fallback = delta[(fail[state] as number) * COLUMNS + col] as number;
        if (child === undefined) delta[state * COLUMNS + col] = fallback;
        else {
          delta[state * COLUMNS + col] = child;
          fail[child] = fallback;
          queue.push(child);
        }
      }
    }
    this.delta = delta;
    this.outStart = new Int32Array(count);
    this.outLength = new Int32Array(count);
    const flat: number[] = [];
    outs.forEach((list, state) => {
      this.outStart[state] = flat.length;
      this.outLength[state] = list.length;
      flat.push(...list);
    });
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
