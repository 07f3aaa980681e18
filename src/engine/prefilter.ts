import { allAscii, KeywordAutomaton, type AutomatonTables } from './aho-corasick.js';

/** Text scanned before the automaton is built: its build (~20 ms) costs what the RegExp loses on ~1 MB. */
const AUTOMATON_AFTER_BYTES = 1024 * 1024;

/**
 * The keyword prefilter: one pass over a chunk tells which rules can match, and where their
 * keywords are. A rule whose keywords are all absent never runs. With ASCII keywords (all the
 * built-in ones) the pass is an Aho-Corasick automaton; otherwise a case-insensitive RegExp
 * alternation, resumed at i + 1 after a hit at i so overlapping keywords are all seen, and
 * crediting the keywords inside the one that hit.
 */
export class KeywordPrefilter {
  private alternationRegExp: RegExp | undefined;
  /** For each keyword (lower case): each rule it, or a keyword inside it, unlocks, at its offset within the keyword (RegExp path only). */
  private unlocksTable: Map<string, { rule: number; at: number }[]> | undefined;
  /** Rules with no keyword at all: they always run. */
  private readonly alwaysRun: number[];
  private readonly ruleCount: number;
  /** Keywords (lower case), longest first, and the rules listing each. */
  private readonly keywords: string[];
  private readonly byKeyword: Map<string, Set<number>>;

  constructor(ruleKeywords: readonly (readonly string[])[]) {
    const byKeyword = new Map<string, Set<number>>();
    const always: number[] = [];
    ruleKeywords.forEach((keywords, ruleIndex) => {
      if (keywords.length === 0) always.push(ruleIndex);
      for (const keyword of keywords) {
        const key = keyword.toLowerCase();
        if (!byKeyword.has(key)) byKeyword.set(key, new Set());
        byKeyword.get(key)?.add(ruleIndex);
      }
    });
    // Code-unit order, not localeCompare: the first localeCompare call loads ICU's collator (~17 ms of a pre-commit hook).
    const keywords = [...byKeyword.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
    this.keywords = keywords;
    this.byKeyword = byKeyword;
    this.alwaysRun = always;
    this.ruleCount = ruleKeywords.length;
    if (keywords.length && allAscii(keywords)) {
      this.automatonKeywords = keywords;
      this.direct = keywords.map((keyword) => [...(byKeyword.get(keyword) ?? [])].sort((a, b) => a - b));
    }
  }

  /** The case-insensitive alternation of every keyword (built on first use: compiling it costs a pre-commit hook ~20 ms). */
  private get alternation(): RegExp | undefined {
    if (this.alternationRegExp === undefined && this.keywords.length)
      this.alternationRegExp = new RegExp(this.keywords.map(escapeRegExp).join('|'), 'gi');
    return this.alternationRegExp;
  }

  /**
   * For the RegExp path: each keyword's substrings looked up, not every keyword searched in every
   * other: linear in the number of keywords (a vendor vocabulary makes them a thousand), not quadratic.
   */
  private get unlocks(): Map<string, { rule: number; at: number }[]> {
    if (this.unlocksTable) return this.unlocksTable;
    const table = new Map<string, { rule: number; at: number }[]>();
    for (const keyword of this.keywords) {
      const unlocked: { rule: number; at: number }[] = [];
      for (let at = 0; at < keyword.length; at++) {
        for (let end = at + 1; end <= keyword.length; end++) {
          for (const rule of this.byKeyword.get(keyword.slice(at, end)) ?? []) unlocked.push({ rule, at });
        }
      }
      table.set(keyword, unlocked);
    }
    return (this.unlocksTable = table);
  }

  /**
   * Small texts with ASCII keywords (before the automaton pays off): the keywords by their first
   * two characters (case folded), with a bit set of the third characters they go on with, and
   * the one- and two-character keywords apart. Built in a millisecond, where the automaton takes
   * ~30 and the RegExp alternation ~20 to compile. The third-character bits leave most positions
   * whose first two characters begin some keyword (`co`, `se`, `pa`...) without a comparison.
   */
  private prefixes: PrefixTables | undefined;

  private prefixTables(): PrefixTables {
    if (this.prefixes) return this.prefixes;
    const keywords = this.automatonKeywords as string[];
    // Each pair that begins a keyword gets a slot (a few hundred of 16,384 pairs): small tables, built in well under a millisecond.
    const slots = new Uint16Array(128 * 128);
    let used = 0;
    for (const keyword of keywords) {
      if (keyword.length < 2) continue;
      const pair = (keyword.charCodeAt(0) << 7) | keyword.charCodeAt(1);
      if (slots[pair] === 0) slots[pair] = ++used;
    }
    const tables: PrefixTables = {
      slots,
      longer: Array.from({ length: used + 1 }, () => []),
      exact: Array.from({ length: used + 1 }, () => []),
      singles: Array.from({ length: 128 }, () => []),
      thirds: new Int32Array((used + 1) * 4),
      anySingle: false,
      anyExact: false,
    };
    keywords.forEach((keyword, index) => {
      if (keyword.length === 1) {
        (tables.singles[keyword.charCodeAt(0)] as number[]).push(index);
        tables.anySingle = true;
        return;
      }
      const slot = slots[(keyword.charCodeAt(0) << 7) | keyword.charCodeAt(1)] as number;
      if (keyword.length === 2) {
        (tables.exact[slot] as number[]).push(index);
        tables.anyExact = true;
        return;
      }
      (tables.longer[slot] as number[]).push(index);
      const third = keyword.charCodeAt(2);
      (tables.thirds[slot * 4 + (third >>> 5)] as number) |= 1 << (third & 31);
    });
    return (this.prefixes = tables);
  }

  /** Calls `onHit(keywordIndex, start)` for every occurrence of every (ASCII) keyword in text[from, to), by the prefix tables. */
  private prefixScan(text: string, onHit: (keyword: number, start: number) => void, from: number, to: number): void {
    const { slots, longer, exact, singles, thirds, anySingle, anyExact } = this.prefixTables();
    const keywords = this.automatonKeywords as string[];
    // Case folding written out, not called: a pre-commit hook runs this loop before the JIT has compiled it.
    let second = from < to ? text.charCodeAt(from) : 128;
    if (second >= 65 && second <= 90) second += 32;
    for (let i = from; i < to; i++) {
      const first = second;
      second = i + 1 < to ? text.charCodeAt(i + 1) : 128;
      if (second >= 65 && second <= 90) second += 32;
      if (first >= 128) continue;
      if (anySingle) for (const keyword of singles[first] as number[]) onHit(keyword, i);
      if (second >= 128) continue;
      const slot = slots[(first << 7) | second] as number;
      if (slot === 0) continue;
      if (anyExact) for (const keyword of exact[slot] as number[]) onHit(keyword, i);
      if (i + 2 >= to) continue;
      let third = text.charCodeAt(i + 2);
      if (third >= 65 && third <= 90) third += 32;
      if (third >= 128 || (((thirds[slot * 4 + (third >>> 5)] as number) >>> (third & 31)) & 1) === 0) continue;
      for (const index of longer[slot] as number[]) {
        const keyword = keywords[index] as string;
        const length = keyword.length;
        if (i + length > to || keyword.charCodeAt(2) !== third) continue;
        let j = 3;
        for (; j < length; j++) {
          let code = text.charCodeAt(i + j);
          if (code >= 65 && code <= 90) code += 32;
          if (code !== keyword.charCodeAt(j)) break;
        }
        if (j === length) onHit(index, i);
      }
    }
  }

  /**
   * Every keyword occurrence in one table-driven pass, once all keywords are ASCII and enough
   * text has come through to repay building the table (~30 ms on a cold start: a pre-commit
   * hook never needs it). Both passes credit the same rules at the same offsets.
   */
  private automaton: KeywordAutomaton | undefined;
  private automatonKeywords: string[] | undefined;
  private bytesSeen = 0;
  /** For the automaton's keyword i: the rules that list it. */
  private direct: number[][] = [];

  private automatonFor(length: number): KeywordAutomaton | undefined {
    if (this.automaton || !this.automatonKeywords) return this.automaton;
    this.bytesSeen += length;
    if (this.bytesSeen >= AUTOMATON_AFTER_BYTES) this.automaton = this.newAutomaton(this.automatonKeywords);
    return this.automaton;
  }

  /** Where ready-made tables may come from (`usePrebuilt`): asked once, when the automaton is first needed. */
  private prebuilt: ((keywords: readonly string[]) => AutomatonTables | undefined) | undefined;

  /** The automaton: from ready-made tables for exactly these keywords when there are some, else built. */
  private newAutomaton(keywords: string[]): KeywordAutomaton {
    const tables = this.prebuilt?.(keywords);
    this.prebuilt = undefined;
    return new KeywordAutomaton(tables ?? keywords);
  }

  /**
   * Offers ready-made tables (the build's, for the built-in rules: src/engine/automaton-file.ts):
   * `load` is given the automaton's keywords, in order, and answers tables built for exactly those,
   * or undefined (then the automaton is built as usual). Called only if the automaton is needed.
   */
  usePrebuilt(load: (keywords: readonly string[]) => AutomatonTables | undefined): void {
    if (!this.automaton) this.prebuilt = load;
  }

  /** The automaton's keywords, in the order its tables number them (undefined when a keyword is not ASCII). */
  get automatonKeywordList(): readonly string[] | undefined {
    return this.automatonKeywords;
  }

  /**
   * The automaton's tables, built now if they were not yet (undefined when a keyword is not
   * ASCII): a history scan builds them once and hands them to its worker threads.
   */
  automatonTables(): AutomatonTables | undefined {
    if (!this.automatonKeywords) return undefined;
    this.automaton ??= this.newAutomaton(this.automatonKeywords);
    return this.automaton.tables();
  }

  /** Takes tables another thread built from the same rules (`automatonTables()`); ignored when they are for other keywords. */
  useAutomaton(tables: AutomatonTables): void {
    if (!this.automatonKeywords || tables.lengths.length !== this.automatonKeywords.length) return;
    if (!this.automatonKeywords.every((keyword, i) => keyword.length === tables.lengths[i])) return;
    this.automaton = new KeywordAutomaton(tables);
  }

  /** Source of the keyword alternation (the benchmark's baseline runs the same regex). */
  get source(): string | undefined {
    return this.alternation?.source;
  }

  /** Indexes of the rules that may match in `text`, ascending. */
  candidates(text: string): number[] {
    return [...this.hits(text).keys()].sort((a, b) => a - b);
  }

  /**
   * `hits` over several spans [start, end) of one text (ascending, not overlapping), in one pass
   * and one result: offsets into the text. A focused scan's regions (ScanOptions.focus).
   */
  hitsIn(text: string, spans: readonly (readonly [number, number])[]): Map<number, number[]> {
    if (!this.automatonKeywords) {
      const found = new Map<number, number[]>(this.alwaysRun.map((rule) => [rule, []]));
      for (const [start, end] of spans) {
        for (const [rule, offsets] of this.hits(text.slice(start, end))) {
          let all = found.get(rule);
          if (!all) found.set(rule, (all = []));
          for (const offset of offsets) all.push(offset + start);
        }
      }
      return sortedUnique(found);
    }
    return this.asciiHits(text, spans);
  }

  /** Hits of ASCII keywords over the spans: through the automaton once enough text came through, else the prefix tables. */
  private asciiHits(text: string, spans: readonly (readonly [number, number])[]): Map<number, number[]> {
    let length = 0;
    for (const [start, end] of spans) length += end - start;
    const automaton = this.automatonFor(length);
    const byRule: (number[] | undefined)[] = new Array<number[] | undefined>(this.ruleCount);
    const direct = this.direct;
    const onHit = (keyword: number, start: number) => {
      for (const rule of direct[keyword] as number[]) (byRule[rule] ??= []).push(start);
    };
    for (const [start, end] of spans) {
      if (automaton) automaton.scan(text, onHit, start, end);
      else this.prefixScan(text, onHit, start, end);
    }
    return this.collect(byRule);
  }

  /** Offsets gathered by rule (an array indexed by rule: no Map lookup per hit) as the hits' Map, with the rules that always run. */
  private collect(byRule: readonly (number[] | undefined)[]): Map<number, number[]> {
    const found = new Map<number, number[]>(this.alwaysRun.map((rule) => [rule, []]));
    for (let rule = 0; rule < byRule.length; rule++) {
      const offsets = byRule[rule];
      if (!offsets) continue;
      const always = found.get(rule);
      if (always) always.push(...offsets);
      else found.set(rule, offsets);
    }
    return sortedUnique(found);
  }

  /** For each rule that may match in `text`: the offsets of its keywords (empty for rules without any). */
  hits(text: string): Map<number, number[]> {
    if (this.automatonKeywords) return this.asciiHits(text, [[0, text.length]]);
    const found = new Map<number, number[]>(this.alwaysRun.map((rule) => [rule, []]));
    const re = this.alternation;
    if (re) {
      re.lastIndex = 0;
      let hit: RegExpExecArray | null;
      while ((hit = re.exec(text)) !== null) {
        for (const { rule, at } of this.unlocks.get(hit[0].toLowerCase()) ?? []) {
          const offsets = found.get(rule);
          if (offsets) offsets.push(hit.index + at);
          else found.set(rule, [hit.index + at]);
        }
        re.lastIndex = hit.index + 1;
      }
    }
    return sortedUnique(found);
  }
}

/** The prefix tables of KeywordPrefilter.prefixScan: keywords by their first character, or by the slot of their first two. */
interface PrefixTables {
  /** For each pair of characters (first << 7 | second): its slot, 0 for a pair that begins no keyword. */
  slots: Uint16Array;
  /** Keywords of three or more characters, by slot. */
  longer: number[][];
  /** Two-character keywords, by slot. */
  exact: number[][];
  /** One-character keywords, by their character. */
  singles: number[][];
  /** For each slot, 128 bits (four words): the third characters of its longer keywords. */
  thirds: Int32Array;
  anySingle: boolean;
  anyExact: boolean;
}

/** Sorts each offset list and drops repeats (a keyword seen inside two others, or listed by two rules), in place. */
function sortedUnique(found: Map<number, number[]>): Map<number, number[]> {
  for (const offsets of found.values()) {
    let ordered = true;
    for (let i = 1; i < offsets.length && ordered; i++) ordered = (offsets[i - 1] as number) < (offsets[i] as number);
    if (ordered) continue;
    offsets.sort((a, b) => a - b);
    let kept = 0;
    for (let i = 0; i < offsets.length; i++) if (i === 0 || offsets[i] !== offsets[kept - 1]) offsets[kept++] = offsets[i] as number;
    offsets.length = kept;
  }
  return found;
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
