/**
 * An Aho-Corasick automaton over ASCII-lower-cased text, compiled to a dense transition table:
 * one table read per character finds every occurrence of every keyword in a single pass,
 * several times faster than a RegExp alternation of the same keywords.
 * Keywords must be lower-case ASCII.
 *
 * The table has one column per character class, not per character: the characters that occur
 * in some keyword (case folded) each have one, every other character (non-ASCII included)
 * shares column 0. A few dozen columns instead of 129 keep the table small enough to stay in
 * cache. Entries are the next state's row offset (state × columns), so a step is one add and
 * one read, and states are numbered so that those ending a keyword come last: a step tests
 * for a hit with one comparison.
 */
/** An automaton's tables: plain typed arrays, so a built automaton can be handed to a worker thread (`workerData`) instead of built again there. */
export interface AutomatonTables {
  classOf: Uint8Array;
  columns: number;
  delta: Int32Array;
  firstOutputRow: number;
  outStart: Int32Array;
  outLength: Int32Array;
  outputs: Int32Array;
  lengths: Int32Array;
}

export class KeywordAutomaton {
  /** For each ASCII code: its column; 0 for characters in no keyword. */
  private readonly classOf: Uint8Array = new Uint8Array(128);
  private readonly columns: number;
  /** Row offset of a state → row offset of the next state, per column. */
  private readonly delta: Int32Array;
  /** Row offsets at or above this belong to states that end at least one keyword. */
  private readonly firstOutputRow: number;
  /** For each state (by row offset / columns): where its keyword list starts in `outputs`, and how long it is. */
  private readonly outStart: Int32Array;
  private readonly outLength: Int32Array;
  private readonly outputs: Int32Array;
  private readonly lengths: Int32Array;

  /** Builds the automaton of `keywords`, or takes the tables another thread built (`tables()`). */
  constructor(keywords: readonly string[] | AutomatonTables) {
    if (!Array.isArray(keywords)) {
      const tables = keywords as AutomatonTables;
      this.classOf = tables.classOf;
      this.columns = tables.columns;
      this.delta = tables.delta;
      this.firstOutputRow = tables.firstOutputRow;
      this.outStart = tables.outStart;
      this.outLength = tables.outLength;
      this.outputs = tables.outputs;
      this.lengths = tables.lengths;
      return;
    }
    let columns = 1;
    for (const keyword of keywords) {
      for (let i = 0; i < keyword.length; i++) {
        const code = foldAscii(keyword.charCodeAt(i));
        if (code < 128 && this.classOf[code] === 0) this.classOf[code] = columns++;
      }
    }
    for (let code = 65; code <= 90; code++) this.classOf[code] = this.classOf[code + 32] as number;
    this.columns = columns;
    const { goto, count, outs } = buildGoto(keywords, this.classOf, columns);
    // Renumber: states without output first, so `row >= firstOutputRow` is the hit test.
    const order: number[] = [];
    for (let state = 0; state < count; state++) if (!outs.has(state)) order.push(state);
    const firstOutput = order.length;
    for (let state = 0; state < count; state++) if (outs.has(state)) order.push(state);
    const renamed = new Int32Array(count);
    order.forEach((state, index) => (renamed[state] = index));
    this.delta = new Int32Array(count * columns);
    this.outStart = new Int32Array(count);
    this.outLength = new Int32Array(count);
    const flat: number[] = [];
    order.forEach((state, index) => {
      for (let col = 0; col < columns; col++)
        this.delta[index * columns + col] = (renamed[goto[state * columns + col] as number] as number) * columns;
      const list = outs.get(state);
      if (list) {
        this.outStart[index] = flat.length;
        this.outLength[index] = list.length;
        flat.push(...list);
      }
    });
    this.firstOutputRow = firstOutput * columns;
    this.outputs = Int32Array.from(flat);
    this.lengths = Int32Array.from(keywords.map((k) => k.length));
  }

  /** The tables, to rebuild this automaton elsewhere with `new KeywordAutomaton(tables)`. */
  tables(): AutomatonTables {
    const { classOf, columns, delta, firstOutputRow, outStart, outLength, outputs, lengths } = this;
    return { classOf, columns, delta, firstOutputRow, outStart, outLength, outputs, lengths };
  }

  /** How many keywords it finds. */
  get keywordCount(): number {
    return this.lengths.length;
  }

  /** Calls `onHit(keywordIndex, start)` for every occurrence of every keyword in text[from, to), in order of their end. */
  scan(text: string, onHit: (keyword: number, start: number) => void, from = 0, to = text.length): void {
    const { delta, classOf, firstOutputRow, columns } = this;
    const n = to;
    let row = 0;
    for (let i = from; i < n; i++) {
      const code = text.charCodeAt(i);
      row = delta[row + (code < 128 ? (classOf[code] as number) : 0)] as number;
      if (row >= firstOutputRow) this.report(row / columns, i, onHit);
    }
  }

  private report(state: number, end: number, onHit: (keyword: number, start: number) => void): void {
    const from = this.outStart[state] as number;
    const to = from + (this.outLength[state] as number);
    for (let j = from; j < to; j++) {
      const keyword = this.outputs[j] as number;
      onHit(keyword, end - (this.lengths[keyword] as number) + 1);
    }
  }
}

/** ASCII upper case to lower case; every other code unchanged. */
const foldAscii = (code: number): number => (code >= 65 && code <= 90 ? code + 32 : code);

/**
 * The classic construction: a trie of the keywords, failure links by breadth-first search,
 * and every missing transition filled from the failure state's, so a step never backtracks.
 * States are numbered in creation order (0 is the root); `outs` lists the keywords each ends.
 */
function buildGoto(
  keywords: readonly string[],
  classOf: Uint8Array,
  columns: number,
): { goto: Int32Array; count: number; outs: Map<number, number[]> } {
  const bound = keywords.reduce((sum, keyword) => sum + keyword.length, 0) + 1;
  const goto = new Int32Array(bound * columns).fill(-1);
  const outs = new Map<number, number[]>();
  let count = 1;
  keywords.forEach((keyword, index) => {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const at = state * columns + (classOf[foldAscii(keyword.charCodeAt(i))] as number);
      if ((goto[at] as number) === -1) goto[at] = count++;
      state = goto[at] as number;
    }
    outs.set(state, [...(outs.get(state) ?? []), index]);
  });
  const fail = new Int32Array(count);
  const queue: number[] = [];
  for (let col = 0; col < columns; col++) {
    const child = goto[col] as number;
    if (child === -1) goto[col] = 0;
    else queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    const inherited = outs.get(fail[state] as number);
    if (inherited) outs.set(state, [...(outs.get(state) ?? []), ...inherited]);
    const row = state * columns;
    const failRow = (fail[state] as number) * columns;
    for (let col = 0; col < columns; col++) {
      const child = goto[row + col] as number;
      if (child === -1) goto[row + col] = goto[failRow + col] as number;
      else {
        fail[child] = goto[failRow + col] as number;
        queue.push(child);
      }
    }
  }
  return { goto: goto.subarray(0, count * columns), count, outs };
}

/** True when every keyword is ASCII, so the automaton can serve them all. */
export function allAscii(keywords: readonly string[]): boolean {
  // One native test over them all: a pre-commit hook runs this once, before the JIT has compiled anything.
  return !/[^\0-\x7f]/.test(keywords.join(''));
}
