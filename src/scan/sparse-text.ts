import { isAscii } from 'node:buffer';
import { FOCUS_CONTEXT, type CompiledRuleSet } from '../engine/index.js';
import { decodeText } from '../sources/index.js';
import type { TextLines } from './line-diff.js';

/**
 * Bytes of real text kept before each focus span's context, beyond its lines, when a rule may
 * look that far back: a rule whose lookbehind reaches lines above (e.g. a Kubernetes Secret's
 * `"kind": "Secret"` above its data; `CompiledRuleSet.farReaching`) runs only where one of its
 * keywords is near, so these bytes are kept only when such a keyword is in them or in the window.
 */
const LOOKBEHIND_BYTES = 8192;

/**
 * Bytes of real text always kept before each focus span: what a judgement looks back over (a
 * Firebase config's 400 characters before its key), in any encoding.
 */
const NEAR_BYTES = 2048;

/** A text to scan with focus spans in its own offsets. */
export interface FocusedText {
  text: string;
  focus: [number, number][];
}

/**
 * The keywords of the rules whose lookbehind reaches lines above (`CompiledRuleSet.farReaching`):
 * `undefined` when no rule does, `'always'` when one has no keywords (it runs everywhere).
 */
export type FarKeywords = RegExp | 'always' | undefined;

/** The far keywords of a rule set (see FarKeywords). */
export function farKeywordsOf(ruleSet: CompiledRuleSet): FarKeywords {
  const { rules, keywords } = ruleSet.farReaching;
  if (rules.length === 0) return undefined;
  const keywordless = rules.some((index) => !ruleSet.rules[index]?.spec.keywords.length);
  // A keyword of characters beyond ASCII is not found in Latin-1 (holdsKeyword): such rules get the lookbehind everywhere.
  return keywordless || keywords === undefined || Buffer.byteLength(keywords.source) !== keywords.source.length ? 'always' : keywords;
}

/** A window of lines to decode: [first, last], and the first line of its far lookbehind. */
type Window = [first: number, last: number, far: number];

/**
 * The text a focused scan needs, decoded from `bytes` (whose `lines` were hashed): the focus
 * spans (byte offsets) with the lines around them that a scan reads (FOCUS_CONTEXT) and
 * NEAR_BYTES before those, or LOOKBEHIND_BYTES where `far` keywords are in them or in the
 * window; every other line left empty. Line numbers and columns are those of the whole text,
 * and a large file with a few new lines costs a few small decodes instead of a decode (and a
 * fresh allocation) of the whole of it.
 */
export function sparseText(
  bytes: Uint8Array,
  lines: TextLines,
  focus: readonly (readonly [number, number])[],
  far?: FarKeywords,
): FocusedText {
  const windows: Window[] = [];
  for (const [from, to] of focus) {
    const first = lineAt(lines, from);
    const last = lineAt(lines, to);
    const start = Math.min(Math.max(0, first - FOCUS_CONTEXT.linesBefore), lineAt(lines, Math.max(0, from - NEAR_BYTES)));
    const farStart = far === undefined ? start : Math.min(start, lineAt(lines, Math.max(0, from - LOOKBEHIND_BYTES)));
    const end = Math.min(lines.count - 1, last + FOCUS_CONTEXT.linesAfter);
    const previous = windows[windows.length - 1];
    if (previous && start <= previous[1] + 1) {
      previous[1] = Math.max(previous[1], end);
      previous[2] = Math.min(previous[2], farStart);
    } else windows.push([start, end, farStart]);
  }
  const parts: string[] = [];
  const mapped: [number, number][] = [];
  let length = 0;
  let line = 0;
  let next = 0;
  const push = (part: string) => {
    parts.push(part);
    length += part.length;
  };
  for (const [near, last, farLine] of windows) {
    const start = lines.starts[near] as number;
    const window = decodeWindow(bytes, start, lines.ends[last] as number, focus, next);
    next = window.next;
    // The far lookbehind: from the end of the previous window at most; kept when a far keyword is in it or in the window.
    const farFrom = Math.max(farLine, line);
    const zone = farFrom < near ? bytes.subarray(lines.starts[farFrom] as number, start) : undefined;
    const keepZone =
      zone !== undefined &&
      (far === 'always' ||
        holdsKeyword(far, zone) ||
        (far !== undefined && far.test(window.parts.length === 1 ? (window.parts[0] as string) : window.parts.join(''))));
    const first = keepZone ? farFrom : near;
    if (first > line) push('\n'.repeat(first - line));
    if (keepZone) push(decodeText(zone));
    const shift = length;
    for (const part of window.parts) push(part);
    for (const [from, to] of window.spans) mapped.push([from + shift, to + shift]);
    line = last;
    if (last < lines.count - 1) {
      push('\n');
      line = last + 1;
    }
  }
  if (line < lines.count - 1) push('\n'.repeat(lines.count - 1 - line));
  return { text: parts.join(''), focus: mapped };
}

/**
 * The text of a window (whole lines: bytes [start, end)), in pieces, with the focus spans from
 * `next` on that start in it, in offsets of that text; `next`: the first span after it. ASCII is
 * one decode (one character per byte); other text is decoded piece by piece, cut at the spans'
 * ends (line boundaries: never inside a UTF-8 sequence), to map their offsets.
 */
function decodeWindow(
  bytes: Uint8Array,
  start: number,
  end: number,
  focus: readonly (readonly [number, number])[],
  next: number,
): { parts: string[]; spans: [number, number][]; next: number } {
  const parts: string[] = [];
  const spans: [number, number][] = [];
  const whole = bytes.subarray(start, end);
  if (isAscii(whole)) {
    parts.push(decodeText(whole));
    for (; next < focus.length && (focus[next] as readonly [number, number])[0] < end; next++) {
      const [from, to] = focus[next] as readonly [number, number];
      spans.push([from - start, to - start]);
    }
    return { parts, spans, next };
  }
  let length = 0;
  const push = (part: string) => {
    parts.push(part);
    length += part.length;
  };
  let at = start;
  for (; next < focus.length && (focus[next] as readonly [number, number])[0] < end; next++) {
    const [from, to] = focus[next] as readonly [number, number];
    push(decodeText(bytes.subarray(at, from)));
    const mappedFrom = length;
    push(decodeText(bytes.subarray(from, to)));
    spans.push([mappedFrom, length]);
    at = to;
  }
  push(decodeText(bytes.subarray(at, end)));
  return { parts, spans, next };
}

/**
 * True when the bytes hold one of the keywords (case-insensitive). Read as Latin-1: a keyword
 * of ASCII characters matches there exactly where it matches the UTF-8 text (a case-insensitive
 * RegExp without the `u` flag never matches a character of 128 or above to an ASCII one), so a
 * window already decoded is tested as it is.
 */
function holdsKeyword(keywords: RegExp | undefined, bytes: Uint8Array): boolean {
  if (keywords === undefined || bytes.length === 0) return false;
  return keywords.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
}

/** The number of the line holding byte `offset` (binary search over line starts). */
function lineAt(lines: TextLines, offset: number): number {
  let low = 0;
  let high = lines.count - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if ((lines.starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
