import type { PatternMatch, PatternMatcher } from './matchers.js';

/** `(?<![B])([C]{n})(?![B])` or `{n,m}`: a token that is a whole run of one character class, bounded by another. */
const SHAPE = /^\(\?<!\[([^\]\\^][^\]\\]*)\]\)\(\[([^\]\\^][^\]\\]*)\]\{(\d+)(?:,(\d+))?\}\)\(\?!\[([^\]\\^][^\]\\]*)\]\)$/;

/** The ASCII codes a bracket class (ASCII, no escapes, not negated) matches, as RegExp reads it. */
function classTable(body: string): Uint8Array | undefined {
  if (![...body].every((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) < 0x7f)) return undefined;
  const re = new RegExp(`[${body}]`);
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) table[code] = re.test(String.fromCharCode(code)) ? 1 : 0;
  return table;
}

/**
 * A matcher for a pattern of the shape `(?<![B])([C]{n,m})(?![B])` (no flags, secret group 1)
 * where every character of C is in B: a match is a maximal run of C characters, n to m long,
 * with no B character on either side. Found like base64 runs, by probing every n-th character,
 * instead of trying the pattern at every offset (an Azure DevOps PAT, 52 base32 letters, is the
 * case: the RegExp costs as much as all other rules on lower-case text). Undefined for any other
 * pattern, which then runs as a RegExp. Gives exactly the RegExp's matches (a test compares them).
 */
export function boundedRunMatcher(pattern: string, flags: string, secretGroup: number | string): PatternMatcher | undefined {
  const shape = SHAPE.exec(pattern);
  if (!shape || flags !== '' || secretGroup !== 1 || shape[1] !== shape[5]) return undefined;
  const bound = classTable(shape[1] as string);
  const run = classTable(shape[2] as string);
  const min = Number(shape[3]);
  const max = shape[4] === undefined ? min : Number(shape[4]);
  if (!bound || !run || min < 1 || max < min || run.some((inRun, code) => inRun === 1 && bound[code] !== 1)) return undefined;
  return { matches: (text) => boundedRuns(text, run, bound, min, max) };
}

function* boundedRuns(text: string, run: Uint8Array, bound: Uint8Array, min: number, max: number): Iterable<PatternMatch> {
  const n = text.length;
  const inRun = (at: number): boolean => {
    const code = text.charCodeAt(at);
    return code < 128 && run[code] === 1;
  };
  const inBound = (at: number): boolean => {
    const code = text.charCodeAt(at);
    return code < 128 && bound[code] === 1;
  };
  let i = 0;
  while (i + min <= n) {
    const probe = i + min - 1;
    if (!inRun(probe)) {
      i = probe + 1;
      continue;
    }
    let start = probe;
    while (start > 0 && inRun(start - 1)) start -= 1;
    let end = probe + 1;
    while (end < n && inRun(end)) end += 1;
    // Only the run's first character can start a match (every other one follows a B character);
    // the quantifier takes the whole run, and gives back only to B characters, so the run must fit.
    const length = end - start;
    if (length >= min && length <= max && (start === 0 || !inBound(start - 1)) && (end === n || !inBound(end))) {
      yield { start, end, secretStart: start, secretEnd: end };
    }
    i = end + 1;
  }
}
