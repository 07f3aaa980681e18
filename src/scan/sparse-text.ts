import { isAscii } from 'node:buffer';
import { FOCUS_CONTEXT } from '../engine/index.js';
import { decodeText } from '../sources/index.js';
import type { TextLines } from './line-diff.js';

/**
 * Bytes of real text kept before each focus span's context, beyond its lines: what a rule's
 * lookbehind may look back over (e.g. a Kubernetes Secret's `"kind": "Secret"` above its data).
 */
const LOOKBEHIND_BYTES = 8192;

/** A text to scan with focus spans in its own offsets. */
export interface FocusedText {
  text: string;
  focus: [number, number][];
}

/**
 * The text a focused scan needs, decoded from `bytes` (whose `lines` were hashed): the focus
 * spans (byte offsets) with the lines around them that a scan reads (FOCUS_CONTEXT) and
 * LOOKBEHIND_BYTES before those, every other line left empty. Line numbers and columns are those
 * of the whole text, and a large file with a few new lines costs a few small decodes instead of
 * a decode (and a fresh allocation) of the whole of it.
 */
export function sparseText(bytes: Uint8Array, lines: TextLines, focus: readonly (readonly [number, number])[]): FocusedText {
  const windows: [number, number][] = [];
  for (const [from, to] of focus) {
    const first = lineAt(lines, from);
    const last = lineAt(lines, to);
    const start = Math.min(Math.max(0, first - FOCUS_CONTEXT.linesBefore), lineAt(lines, Math.max(0, from - LOOKBEHIND_BYTES)));
    const end = Math.min(lines.count - 1, last + FOCUS_CONTEXT.linesAfter);
    const previous = windows[windows.length - 1];
    if (previous && start <= previous[1] + 1) previous[1] = Math.max(previous[1], end);
    else windows.push([start, end]);
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
  for (const [first, last] of windows) {
    if (first > line) push('\n'.repeat(first - line));
    let at = lines.starts[first] as number;
    const end = lines.ends[last] as number;
    const window = bytes.subarray(at, end);
    if (isAscii(window)) {
      // One character per byte: one decode, and the focus spans move by the window's offset.
      const shift = length - at;
      push(decodeText(window));
      for (; next < focus.length && (focus[next] as readonly [number, number])[0] < end; next++) {
        const [from, to] = focus[next] as readonly [number, number];
        mapped.push([from + shift, to + shift]);
      }
      at = end;
    }
    // Otherwise decoded piece by piece, cut at the focus spans' ends (line boundaries: never inside a UTF-8 sequence), to map their offsets.
    for (; next < focus.length && (focus[next] as readonly [number, number])[0] < end; next++) {
      const [from, to] = focus[next] as readonly [number, number];
      push(decodeText(bytes.subarray(at, from)));
      const mappedFrom = length;
      push(decodeText(bytes.subarray(from, to)));
      mapped.push([mappedFrom, length]);
      at = to;
    }
    push(decodeText(bytes.subarray(at, end)));
    line = last;
    if (last < lines.count - 1) {
      push('\n');
      line = last + 1;
    }
  }
  if (line < lines.count - 1) push('\n'.repeat(lines.count - 1 - line));
  return { text: parts.join(''), focus: mapped };
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
