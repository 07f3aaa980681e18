import { isAscii, isUtf8 } from 'node:buffer';
import { FOCUS_CONTEXT, type CompiledRuleSet } from '../engine/index.js';
import { decodeText, type BufferPool } from '../sources/index.js';
import type { TextLines } from './line-diff.js';

/**
 * Bytes of real text kept before each focus span's context, beyond its lines, when a rule may
 * look that far back: a rule whose lookbehind reaches lines above (e.g. a Kubernetes Secret's
 * `"kind": "Secret"` above its data; `CompiledRuleSet.farReaching`) runs only where one of its
 * keywords is near, so these bytes are kept only when such a keyword is in them or in the window.
 */
export const LOOKBEHIND_BYTES = 8192;

/**
 * Bytes of real text always kept before each focus span: what a judgement looks back over (a
 * Firebase config's 400 characters before its key), in any encoding.
 */
export const NEAR_BYTES = 2048;

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

/**
 * The text a focused scan needs, decoded from `bytes` (whose `lines` were hashed): the focus
 * spans (byte offsets) with the lines around them that a scan reads (FOCUS_CONTEXT) and
 * NEAR_BYTES before those, or LOOKBEHIND_BYTES where `far` keywords are in them or in the
 * window; every other line left empty. Line numbers and columns are those of the whole text,
 * and a large file with a few new lines costs a few small decodes instead of a decode (and a
 * fresh allocation) of the whole of it.
 *
 * The text is put together as bytes (the windows copied, the lines between them as newlines) and
 * decoded once: one copy into the string, where decoding each window and joining the pieces copied
 * every byte twice. Broken UTF-8 (and a byte-order mark first) is decoded window by window (piecesText).
 */
export function sparseText(
  bytes: Uint8Array,
  lines: TextLines,
  focus: readonly (readonly [number, number])[],
  far?: FarKeywords,
  pool?: BufferPool,
): FocusedText {
  const windows = windowsOf(lines, focus, far);
  const keep = new Uint8Array(windows.length);
  const plain = assembledText(bytes, lines, windows, keep, focus, pool);
  if (!plain) return piecesText(bytes, lines, windows, focus, far);
  if (far === undefined) return plain;
  // A window's own text is asked for a far keyword only when it has a far lookbehind whose bytes hold
  // none: windows are apart, so no byte is read twice (a pass over the whole text first read all of
  // it whenever one window had a lookbehind, and the windows again where it held a keyword).
  let anyKept = false;
  windows.forEach((window, i) => {
    const kept = keepsZone(bytes, lines, window, far, () => far !== 'always' && far.test(windowText(plain, i)));
    keep[i] = kept ? 1 : 0;
    anyKept ||= kept;
  });
  if (!anyKept) return plain;
  return assembledText(bytes, lines, windows, keep, focus, pool) ?? piecesText(bytes, lines, windows, focus, far);
}

/**
 * A window of lines to decode: [first, last], and the first line of its far lookbehind (from the
 * end of the window before at most; `first` when it has none).
 */
type Window = [first: number, last: number, zone: number];

/** The windows of lines around the focus spans, merged where they meet (see sparseText). */
function windowsOf(lines: TextLines, focus: readonly (readonly [number, number])[], far: FarKeywords): Window[] {
  const windows: Window[] = [];
  for (const [from, to] of focus) {
    const first = lineAt(lines, from);
    const last = lineAt(lines, to);
    const start = Math.min(Math.max(0, first - FOCUS_CONTEXT.linesBefore), lineAt(lines, Math.max(0, from - NEAR_BYTES)));
    const farStart = far === undefined ? start : Math.min(start, lineAt(lines, Math.max(0, from - LOOKBEHIND_BYTES)));
    const end = Math.min(lines.count - 1, last + FOCUS_CONTEXT.linesAfter);
    const previous = windows[windows.length - 1];
    if (previous && start <= previous[1] + 1) {
      // Joined to the last window, whose far lookbehind stops where the window before it ends.
      const before = windows[windows.length - 2];
      previous[1] = Math.max(previous[1], end);
      previous[2] = Math.min(previous[2], Math.max(farStart, before ? before[1] + 1 : 0));
    } else windows.push([start, end, Math.max(farStart, previous ? previous[1] + 1 : 0)]);
  }
  return windows;
}

/**
 * True when a window keeps its far lookbehind: it has one, and a far keyword is in it or
 * (`inWindow`, asked last: it may need the window's text) in the window.
 */
function keepsZone(bytes: Uint8Array, lines: TextLines, [near, , zone]: Window, far: RegExp | 'always', inWindow: () => boolean): boolean {
  if (zone >= near) return false;
  return far === 'always' || holdsKeyword(far, bytes.subarray(lines.starts[zone] as number, lines.starts[near] as number)) || inWindow();
}

/** A sparse text put together as bytes, with where each window's text starts and ends in it (for the far keyword test). */
interface PlainText extends FocusedText {
  windowStarts: number[];
  windowEnds: number[];
}

const windowText = (plain: PlainText, index: number): string =>
  plain.text.slice(plain.windowStarts[index] as number, plain.windowEnds[index] as number);

/**
 * The sparse text put together as bytes and decoded once, each window from its far lookbehind
 * where `keep` says so; undefined when those bytes are not valid UTF-8, or begin with a byte-order
 * mark (piecesText decodes those window by window, as decodeText decodes them).
 */
function assembledText(
  bytes: Uint8Array,
  lines: TextLines,
  windows: readonly Window[],
  keep: Uint8Array,
  focus: readonly (readonly [number, number])[],
  pool: BufferPool | undefined,
): PlainText | undefined {
  // First the layout: where each window's bytes go, and the size of the whole.
  const firsts: number[] = [];
  let size = 0;
  let line = 0;
  for (let i = 0; i < windows.length; i++) {
    const [near, last, zone] = windows[i] as Window;
    const first = keep[i] ? zone : near;
    firsts.push(first);
    size += first - line + (lines.ends[last] as number) - (lines.starts[first] as number);
    line = last;
    if (last < lines.count - 1) {
      size += 1;
      line = last + 1;
    }
  }
  if (line < lines.count - 1) size += lines.count - 1 - line;
  const buffer = pool && size >= MIN_POOLED_TEXT ? pool.acquire(size) : new ArrayBuffer(size);
  const out = new Uint8Array(buffer, 0, size);
  const mapped: [number, number][] = [];
  const windowStarts: number[] = [];
  const windowEnds: number[] = [];
  let at = 0;
  let next = 0;
  line = 0;
  for (let i = 0; i < windows.length; i++) {
    const [near, last] = windows[i] as Window;
    const first = firsts[i] as number;
    if (first > line) {
      out.fill(10, at, at + first - line);
      at += first - line;
    }
    const from = lines.starts[first] as number;
    const to = lines.ends[last] as number;
    out.set(bytes.subarray(from, to), at);
    // The window's own text starts at its first near line; its far lookbehind, when kept, before it.
    windowStarts.push(at + (lines.starts[near] as number) - from);
    windowEnds.push(at + to - from);
    for (; next < focus.length && (focus[next] as readonly [number, number])[0] < to; next++) {
      const [spanFrom, spanTo] = focus[next] as readonly [number, number];
      mapped.push([at + spanFrom - from, at + spanTo - from]);
    }
    at += to - from;
    line = last;
    if (last < lines.count - 1) {
      out[at++] = 10;
      line = last + 1;
    }
  }
  if (at < size) out.fill(10, at, size);
  let text: string | undefined;
  if (isAscii(out)) text = Buffer.from(buffer, 0, size).toString('latin1');
  else if (isUtf8(out) && !(out[0] === 0xef && out[1] === 0xbb && out[2] === 0xbf)) {
    // Valid UTF-8 (a byte-order mark first is left to piecesText): decoded at once, offsets moved from bytes to UTF-16 units.
    text = decodeText(out);
    toUnits(out, mapped, windowStarts, windowEnds);
  }
  if (pool && size >= MIN_POOLED_TEXT) pool.release(buffer);
  return text === undefined ? undefined : { text, focus: mapped, windowStarts, windowEnds };
}

/**
 * Moves byte offsets of valid UTF-8 `bytes` (the spans, and the windows' starts and ends, each
 * ascending) to offsets in its decoded text: a character of one to three bytes is one UTF-16
 * unit, one of four bytes (a leading byte 0xF0 or above) two. ASCII stretches are counted at once.
 */
function toUnits(bytes: Uint8Array, spans: [number, number][], windowStarts: number[], windowEnds: number[]): void {
  const offsets = [...spans.flat(), ...windowStarts, ...windowEnds].sort((a, b) => a - b);
  const units = new Map<number, number>();
  let at = 0;
  let count = 0;
  for (const offset of offsets) {
    if (offset > at) count += unitsIn(bytes, at, offset);
    at = Math.max(at, offset);
    units.set(offset, count);
  }
  const unit = (offset: number) => units.get(offset) as number;
  for (const span of spans) {
    span[0] = unit(span[0]);
    span[1] = unit(span[1]);
  }
  windowStarts.forEach((offset, i) => (windowStarts[i] = unit(offset)));
  windowEnds.forEach((offset, i) => (windowEnds[i] = unit(offset)));
}

/**
 * UTF-16 units of the valid UTF-8 bytes [from, to) (cut between characters): a character of one
 * to three bytes is one unit, one of four bytes (a leading byte 0xF0 or above) two. Counted by
 * blocks: an ASCII block at once (a native test), any other byte by byte, so a few non-ASCII
 * lines in a large file cost a few native tests, and a text dense with them one pass.
 */
function unitsIn(bytes: Uint8Array, from: number, to: number): number {
  if (isAscii(bytes.subarray(from, to))) return to - from;
  let units = 0;
  for (let block = from; block < to; block += UNIT_BLOCK) {
    const end = Math.min(to, block + UNIT_BLOCK);
    if (isAscii(bytes.subarray(block, end))) {
      units += end - block;
      continue;
    }
    // Units are counted by leading bytes: a block cut inside a character still adds up.
    for (let i = block; i < end; i++) {
      const byte = bytes[i] as number;
      if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
    }
  }
  return units;
}

/** Bytes tested at once for ASCII by unitsIn. */
const UNIT_BLOCK = 4096;

/** Sparse texts at least this large are put together in a pooled buffer. */
const MIN_POOLED_TEXT = 64 * 1024;

/** The sparse text of text that is not all ASCII: each window decoded (piece by piece where focus spans are in it) and the pieces joined. */
function piecesText(
  bytes: Uint8Array,
  lines: TextLines,
  windows: readonly Window[],
  focus: readonly (readonly [number, number])[],
  far: FarKeywords,
): FocusedText {
  const parts: string[] = [];
  const mapped: [number, number][] = [];
  let length = 0;
  let line = 0;
  let next = 0;
  const push = (part: string) => {
    parts.push(part);
    length += part.length;
  };
  for (const window of windows) {
    const [near, last, zone] = window;
    const start = lines.starts[near] as number;
    const decoded = decodeWindow(bytes, start, lines.ends[last] as number, focus, next);
    next = decoded.next;
    const keepZone = far !== undefined && keepsZone(bytes, lines, window, far, () => far !== 'always' && far.test(decoded.parts.join('')));
    const first = keepZone ? zone : near;
    if (first > line) push('\n'.repeat(first - line));
    if (keepZone) push(decodeText(bytes.subarray(lines.starts[zone] as number, start)));
    const shift = length;
    for (const part of decoded.parts) push(part);
    for (const [from, to] of decoded.spans) mapped.push([from + shift, to + shift]);
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
