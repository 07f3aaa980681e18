import { FOCUS_CONTEXT } from '../engine/index.js';
import type { BufferPool } from '../sources/index.js';
import { hashLines, type TextLines } from './line-diff.js';
import type { LineHashSet } from './line-hash-set.js';
import { LOOKBEHIND_BYTES, NEAR_BYTES, sparseText, type FarKeywords, type FocusedText } from './sparse-text.js';

/**
 * The text to scan of a blob rebuilt from a delta (src/sources/pack-objects.ts): only its fresh
 * bytes and what a scan reads around them, with no pass over the rest of it. Lines are found only
 * near the fresh bytes (regions: far enough back for the lookbehind, FOCUS_CONTEXT lines before
 * and after); the stretch between two regions counts as one line, so the text's line numbers are
 * not the blob's: `regions` says where each region starts in the blob, and a NewlineIndex counts
 * the lines before it (only for a blob with findings).
 */
export interface DeltaText {
  focused: FocusedText;
  /** The lines the text was made of: the regions' lines and, between them, a stretch each. */
  lines: TextLines;
  /** For each region: its first line in `lines`, and where it starts in the blob (bytes). */
  regions: { line: number; byte: number }[];
}

/**
 * Fresh stretches this close are scanned as one span: the lines a scan reads around each overlap
 * anyway, and the engine's work goes by span as well as by byte (an edited file has a fresh
 * stretch every few lines).
 */
const JOIN_BYTES = 512;

/** Lines a region reaches beyond the context the engine reads (so a window never reaches into the stretch between regions). */
const SPARE_LINES = 1;

/**
 * The lines of `bytes` that hold its `fresh` stretches ([from, to) pairs, ascending; an empty pair
 * is a seam, whose line and the line before it count), as [start, end) byte spans of whole lines
 * (end: the last line's newline, or the length), ascending and apart.
 */
export function freshLines(bytes: Buffer, fresh: readonly number[]): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < fresh.length; i += 2) {
    let from = fresh[i] as number;
    let to = fresh[i + 1] as number;
    if (to === from) {
      from = Math.max(0, from - 1);
      to = Math.min(bytes.length, to + 1);
    }
    // Stretches close together are hashed as one span (a call each costs more than the lines between, which unseenLines then skips).
    const last = spans[spans.length - 1];
    if (last && from <= last[1] + JOIN_BYTES) {
      if (to > last[1]) last[1] = lineEnd(bytes, Math.max(to - 1, from));
      continue;
    }
    spans.push([lineStart(bytes, from), lineEnd(bytes, Math.max(to - 1, from))]);
  }
  return spans;
}

/**
 * The lines of `spans` hashed (one table per span, offsets in it from the span's start; from `pool`
 * when given, to be given back), and the
 * spans of those that `seen` does not hold (none held: all of them), joined where JOIN_BYTES or
 * less apart.
 */
export function unseenLines(
  bytes: Buffer,
  spans: readonly [number, number][],
  seen: LineHashSet | undefined,
  pool?: BufferPool,
): { hashed: { from: number; lines: TextLines }[]; focus: [number, number][] } {
  const hashed: { from: number; lines: TextLines }[] = [];
  const focus: [number, number][] = [];
  for (const [from, to] of spans) {
    const lines = hashLines(bytes.subarray(from, to), pool);
    hashed.push({ from, lines });
    for (let i = 0; i < lines.count; i++) {
      if (seen?.has(lines.first[i] as number, lines.second[i] as number)) continue;
      joinSpan(focus, from + (lines.starts[i] as number), from + (lines.ends[i] as number));
    }
  }
  return { hashed, focus };
}

/** Adds [from, to) to ascending spans, joined to the last when JOIN_BYTES or less apart. */
export function joinSpan(spans: [number, number][], from: number, to: number): void {
  const last = spans[spans.length - 1];
  if (last && from <= last[1] + JOIN_BYTES) last[1] = Math.max(last[1], to);
  else spans.push([from, to]);
}

/** The delta text of `bytes` around `focus` (spans of whole lines, ascending, apart); undefined when there are none. */
export function deltaText(bytes: Buffer, focus: readonly [number, number][], far: FarKeywords, pool?: BufferPool): DeltaText | undefined {
  if (focus.length === 0 || bytes.length === 0) return undefined;
  const back = far === undefined ? NEAR_BYTES : LOOKBEHIND_BYTES;
  const spans: [number, number][] = [];
  for (const [from, to] of focus) {
    let start = lineStart(bytes, Math.max(0, from - back));
    start = Math.min(start, linesBack(bytes, from, FOCUS_CONTEXT.linesBefore + SPARE_LINES));
    const end = linesForward(bytes, to, FOCUS_CONTEXT.linesAfter + SPARE_LINES);
    const last = spans[spans.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else spans.push([start, end]);
  }
  const lines = regionLines(bytes, spans);
  return { focused: sparseText(bytes, lines.lines, focus, far, pool), lines: lines.lines, regions: lines.regions };
}

/** Where the line holding byte `at` ends (its newline's offset, or the length). */
function lineEnd(bytes: Buffer, at: number): number {
  if (at >= bytes.length) return bytes.length;
  const newline = bytes.indexOf(10, at);
  return newline === -1 ? bytes.length : newline;
}

/** Where the line holding byte `at` starts. */
function lineStart(bytes: Buffer, at: number): number {
  if (at <= 0) return 0;
  return bytes.lastIndexOf(10, at - 1) + 1;
}

/** The start of the line `count` lines above the one holding `at` (0 at the top). */
function linesBack(bytes: Buffer, at: number, count: number): number {
  let start = lineStart(bytes, at);
  for (let i = 0; i < count && start > 0; i++) start = lineStart(bytes, start - 1);
  return start;
}

/** The end (the newline's offset, or the length) of the line `count` lines below the one holding `at`. */
function linesForward(bytes: Buffer, at: number, count: number): number {
  let end = lineEnd(bytes, at);
  for (let i = 0; i < count && end < bytes.length; i++) {
    const next = bytes.indexOf(10, end + 1);
    end = next === -1 ? bytes.length : next;
  }
  return end;
}

/** The lines of the regions (each [start, end): whole lines) and, for each stretch between, one line standing for it. */
function regionLines(bytes: Buffer, spans: readonly [number, number][]): { lines: TextLines; regions: DeltaText['regions'] } {
  const starts: number[] = [];
  const ends: number[] = [];
  const regions: DeltaText['regions'] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (start > at) {
      // The stretch before the region: whole lines, [at, start - 1) without the newline that ends it.
      starts.push(at);
      ends.push(start - 1);
    }
    regions.push({ line: starts.length, byte: start });
    let line = start;
    for (;;) {
      // `end` ends a line: the next newline is at it or before, or there is none (the last line).
      const newline = bytes.indexOf(10, line);
      const stop = newline === -1 || newline > end ? end : newline;
      starts.push(line);
      ends.push(stop);
      if (stop >= end) break;
      line = stop + 1;
    }
    at = end + 1;
  }
  // The stretch after the last region, when that one ends before the blob does.
  if (at <= bytes.length) {
    starts.push(at);
    ends.push(bytes.length);
  }
  const count = starts.length;
  const empty = new Int32Array(0);
  return { lines: { starts: Int32Array.from(starts), ends: Int32Array.from(ends), first: empty, second: empty, count }, regions };
}

/**
 * Where lines start in a blob, found as far as asked (a blob's newlines are counted only when it
 * has findings): the line of a byte, the start of a line.
 */
export class NewlineIndex {
  /** Starts of lines 1, 2, … found so far. */
  private readonly starts: number[] = [0];
  private done = false;

  constructor(private readonly bytes: Buffer) {}

  /** The line (1-based) holding byte `offset`. */
  lineOf(offset: number): number {
    this.findUntil(() => (this.starts[this.starts.length - 1] as number) > offset);
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  /** Where line `line` (1-based) starts; the length when there is no such line. */
  startOf(line: number): number {
    this.findUntil(() => this.starts.length >= line);
    return line - 1 < this.starts.length ? (this.starts[line - 1] as number) : this.bytes.length;
  }

  /** Where line `line` (1-based) ends (its newline's offset, or the length). */
  endOf(line: number): number {
    const next = this.startOf(line + 1);
    return next >= this.bytes.length && this.starts.length <= line ? this.bytes.length : next - 1;
  }

  private findUntil(enough: () => boolean): void {
    while (!this.done && !enough()) {
      const newline = this.bytes.indexOf(10, this.starts[this.starts.length - 1] as number);
      if (newline === -1) this.done = true;
      else this.starts.push(newline + 1);
    }
  }
}
