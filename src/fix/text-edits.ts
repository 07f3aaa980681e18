import { createHash } from 'node:crypto';
import type { TextEdit } from './types.js';

/** Applying offset edits to a text, and the positions and hashes a plan records. */

/** Hex sha256 of a text (UTF-8). */
export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Applies non-overlapping edits (any order) and returns the new text; throws on overlap. */
export function applyEdits(text: string, edits: ReadonlyArray<Pick<TextEdit, 'start' | 'end' | 'replacement'>>): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at || edit.end < edit.start || edit.end > text.length)
      throw new RangeError(`overlapping or invalid edit at ${edit.start}..${edit.end}`);
    out += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** 1-based line and column (UTF-16 code units) of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The offset of a 1-based line and column, or undefined when the text has no such position. */
export function offsetOf(text: string, line: number, column: number): number | undefined {
  let lineStart = 0;
  for (let l = 1; l < line; l++) {
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1) return undefined;
    lineStart = newline + 1;
  }
  const offset = lineStart + column - 1;
  return offset <= text.length ? offset : undefined;
}
