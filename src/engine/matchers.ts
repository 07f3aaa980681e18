import { createRequire } from 'node:module';
import type * as Re2Module from 're2js';

let loadedRe2: typeof Re2Module.RE2JS | undefined;

/**
 * re2js, loaded on first use: it costs about as much start-up time as Node itself, and only
 * user rules and allowlist regexes need it (a pre-commit scan usually does not). `require` is
 * the bundle's (esbuild inlines the package); from source it is made here.
 */
function re2(): typeof Re2Module.RE2JS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loadedRe2 ??= ((typeof require === 'function' ? require('re2js') : createRequire(import.meta.url)('re2js')) as typeof Re2Module).RE2JS;
  return loadedRe2;
}

/** One regex match: the whole match and the secret's span, offsets in UTF-16 code units. */
export interface PatternMatch {
  start: number;
  end: number;
  secretStart: number;
  secretEnd: number;
}

/** Finds every non-overlapping match of a rule's pattern in a text. */
export interface PatternMatcher {
  matches(text: string): Iterable<PatternMatch>;
  /**
   * The matches that start at one of `offsets` (ascending): the same as those of `matches` when
   * every match starts at one of them, for the cost of one anchored try per offset.
   */
  matchesAt?(text: string, offsets: readonly number[]): Iterable<PatternMatch>;
  /**
   * The matches that start in [from, to) and end by `to`, found in the text itself: lookbehinds
   * see the text before `from`, so a match is the same as in a whole-text run (a focused scan).
   */
  matchesIn?(text: string, from: number, to: number): Iterable<PatternMatch>;
}

/** Built-in rules: JavaScript RegExp (each proven free of super-linear backtracking by a test). */
export function jsRegexMatcher(pattern: string, flags: string, secretGroup: number | string): PatternMatcher {
  const re = new RegExp(pattern, `gd${flags}`);
  let sticky: RegExp | undefined;
  function* run(text: string, from: number): Iterable<PatternMatch> {
    re.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex += 1;
        continue;
      }
      const indices = m.indices;
      const span = typeof secretGroup === 'number' ? indices?.[secretGroup] : indices?.groups?.[secretGroup];
      const whole = indices?.[0] ?? [m.index, m.index + m[0].length];
      if (!span) continue;
      yield { start: whole[0], end: whole[1], secretStart: span[0], secretEnd: span[1] };
    }
  }
  return {
    *matchesAt(text, offsets) {
      sticky ??= new RegExp(pattern, `dy${flags}`);
      let from = 0;
      for (const at of offsets) {
        if (at < from) continue;
        sticky.lastIndex = at;
        const m = sticky.exec(text);
        // An empty match: a whole-text run steps over it too (and finds nothing else at this offset).
        if (m === null || m[0].length === 0) continue;
        const whole = m.indices?.[0] ?? [m.index, m.index + m[0].length];
        from = whole[1];
        const span = typeof secretGroup === 'number' ? m.indices?.[secretGroup] : m.indices?.groups?.[secretGroup];
        if (span) yield { start: whole[0], end: whole[1], secretStart: span[0], secretEnd: span[1] };
      }
    },
    matchesIn: (text, from, to) => run(text.slice(0, to), from),
    matches: (text) => run(text, 0),
  };
}

/**
 * User-supplied rules: RE2 syntax (as gitleaks), run on re2js, a linear-time engine, so no
 * pattern from a config file can hang a scan.
 */
export function re2Matcher(pattern: string, flags: string, secretGroup: number | string): PatternMatcher {
  let re2Flags = 0;
  if (flags.includes('i')) re2Flags |= re2().CASE_INSENSITIVE;
  if (flags.includes('m')) re2Flags |= re2().MULTILINE;
  const compiled = re2().compile(pattern, re2Flags);
  return {
    *matches(text) {
      const m = compiled.matcher(text);
      let from = 0;
      while (from <= text.length && m.find(from)) {
        const start = m.start();
        const end = m.end();
        from = end > start ? end : end + 1;
        const secretStart = m.start(secretGroup);
        if (secretStart < 0) continue;
        yield { start, end, secretStart, secretEnd: m.end(secretGroup) };
      }
    },
  };
}

/** Throws with RE2's message when a pattern is not valid RE2 syntax. */
export function checkRe2Pattern(pattern: string, flags: string, secretGroup: number | string): void {
  let re2Flags = 0;
  if (flags.includes('i')) re2Flags |= re2().CASE_INSENSITIVE;
  const compiled = re2().compile(pattern, re2Flags);
  const ok = typeof secretGroup === 'number' ? secretGroup <= compiled.groupCount() : Object.hasOwn(compiled.namedGroups(), secretGroup);
  if (!ok) throw new Error(`the pattern has no group ${secretGroup}`);
}

/** A compiled regex reduced to one question: does it match somewhere in a text? A RegExp is one. */
export interface TextTest {
  test(text: string): boolean;
}

/** A user-supplied regex (allowlists, a custom rule's `allow`, `paths`, `excludePaths`) compiled on the linear-time RE2 engine. */
export function re2TextTest(source: string, flags = ''): TextTest {
  const compiled = re2().compile(source, flags.includes('i') ? re2().CASE_INSENSITIVE : 0);
  return { test: (text) => compiled.matcher(text).find() };
}

/** A user-supplied regex (allowlists) compiled on the linear-time RE2 engine. */
export function userRegexTester(source: string): (text: string) => boolean {
  const { test } = re2TextTest(source);
  return test;
}
