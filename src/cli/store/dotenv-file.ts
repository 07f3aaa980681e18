import { parseDotenv } from '../../store/index.js';

/**
 * Plaintext dotenv files, for `secrets import` and `secrets export --format dotenv`. Reading is the
 * store's one dotenv parser (see src/store/dotenv-syntax.ts); an assignment with an unterminated
 * quote is a problem, not an entry.
 */

/** The entries of a dotenv file in order, and problems by line number (never quoting content). */
export interface DotenvEntries {
  entries: Array<[string, string]>;
  problems: string[];
}

/** Reads the name/value pairs of a dotenv text, and `line N: ...` for each line it cannot read. */
export function dotenvEntries(text: string): DotenvEntries {
  const parsed = parseDotenv(text);
  return {
    entries: parsed.assignments.filter((assignment) => !assignment.unterminated).map((assignment) => [assignment.key, assignment.value]),
    problems: parsed.problems.map((problem) => `line ${problem.line}: ${problem.message}`),
  };
}

/** Formats entries as dotenv: bare when safe, else double-quoted with escapes. */
export function formatDotenv(entries: Iterable<[string, string]>): string {
  let out = '';
  for (const [name, value] of entries) {
    const safe = /^[A-Za-z0-9_./:@+,=-]*$/.test(value);
    const quoted = `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
    out += `${name}=${safe ? value : quoted}\n`;
  }
  return out;
}
