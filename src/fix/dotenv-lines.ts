import { parseDotenv, type DotenvAssignment } from '../store/index.js';

/**
 * The assignments of a dotenv file with their exact spans, so a line that holds a secret can be
 * cut out whole (multi-line quoted values included) and its key recorded. The reading itself is
 * the store's one dotenv parser; an unterminated quote counts as the rest of its line.
 */

/** One `KEY=value` assignment with its span (see DotenvAssignment). */
export type DotenvLine = DotenvAssignment;

/** Every assignment of a dotenv text, in order. Lines that are not assignments are skipped. */
export function dotenvAssignments(text: string): DotenvLine[] {
  return parseDotenv(text).assignments;
}

/** The span of the line containing `offset` (newline included). */
export function lineSpanAt(text: string, offset: number): { start: number; end: number } {
  const newline = text.indexOf('\n', offset);
  return { start: text.lastIndexOf('\n', offset - 1) + 1, end: newline === -1 ? text.length : newline + 1 };
}

/** True when the dotenv text already assigns `key` (also `export KEY=`). */
export function assignsKey(text: string, key: string): boolean {
  return dotenvAssignments(text).some((line) => line.key === key);
}
