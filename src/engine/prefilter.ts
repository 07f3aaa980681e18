/**
 * The keyword prefilter: one pass of a single case-insensitive alternation of every keyword
 * over a chunk tells which rules can match. A rule whose keywords are all absent never runs.
 * After a hit at offset i the search resumes at i + 1, so overlapping keywords are all seen;
 * a keyword that is a substring of the one that hit is credited too.
 */
export class KeywordPrefilter {
  private readonly alternation: RegExp | undefined;
  /** For each keyword (lower case): the rule indexes it, or a keyword inside it, unlocks. */
  private readonly unlocks = new Map<string, number[]>();
  /** Rules with no keyword at all: they always run. */
  private readonly alwaysRun: number[];

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
    keywords.forEach((keyword, index) => {
      const rules = new Set<number>();
      for (let j = index; j < keywords.length; j++) {
        const other = keywords[j] as string;
        if (keyword.includes(other)) for (const rule of byKeyword.get(other) ?? []) rules.add(rule);
      }
      this.unlocks.set(keyword, [...rules].sort((a, b) => a - b));
    });
    this.alwaysRun = always;
    this.alternation = keywords.length ? new RegExp(keywords.map(escapeRegExp).join('|'), 'gi') : undefined;
  }

  /** Source of the keyword alternation (the benchmark's baseline runs the same regex). */
  get source(): string | undefined {
    return this.alternation?.source;
  }

  /** Indexes of the rules that may match in `text`, ascending. */
  candidates(text: string): number[] {
    return [...this.hits(text).keys()].sort((a, b) => a - b);
  }

  /** For each rule that may match in `text`: the offsets of its keywords (empty for rules without any). */
  hits(text: string): Map<number, number[]> {
    const found = new Map<number, number[]>(this.alwaysRun.map((rule) => [rule, []]));
    const re = this.alternation;
    if (re) {
      re.lastIndex = 0;
      let hit: RegExpExecArray | null;
      while ((hit = re.exec(text)) !== null) {
        for (const rule of this.unlocks.get(hit[0].toLowerCase()) ?? []) {
          const offsets = found.get(rule);
          if (offsets) offsets.push(hit.index);
          else found.set(rule, [hit.index]);
        }
        re.lastIndex = hit.index + 1;
      }
    }
    return found;
  }
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
