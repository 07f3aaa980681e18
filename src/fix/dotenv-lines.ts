/**
 * Reads the assignments of a dotenv file with their exact spans, so a line that holds a secret
 * can be cut out whole (multi-line quoted values included) and its key recorded.
 * Syntax as the `dotenv` package reads it: https://github.com/motdotla/dotenv#what-rules-does-the-parsing-engine-follow
 */

/** One `KEY=value` assignment. */
export interface DotenvLine {
  key: string;
  /** Offset of the line's first character. */
  start: number;
  /** Offset just after the line (its newline included, or the end of the text). */
  end: number;
  /** The value as the application sees it (quotes removed, `\n` expanded in double quotes). */
  value: string;
}

const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline + 1;
}

function unescapeDouble(raw: string): string {
  return raw.replace(/\\([nrt"\\])/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

function quotedValue(text: string, open: number): { value: string; close: number } | undefined {
  const quote = text[open] as string;
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote === '"') {
      i += 1;
      continue;
    }
    if (text[i] === quote) {
      const raw = text.slice(open + 1, i);
      return { value: quote === '"' ? unescapeDouble(raw) : raw, close: i };
    }
  }
  return undefined;
}

/** Every assignment of a dotenv text, in order. Lines that are not assignments are skipped. */
export function parseDotenv(text: string): DotenvLine[] {
  const lines: DotenvLine[] = [];
  let start = 0;
  while (start < text.length) {
    const end = lineEnd(text, start);
    const match = ASSIGNMENT.exec(text.slice(start, end));
    if (!match) {
      start = end;
      continue;
    }
    const key = match[1] as string;
    const valueStart = start + match[0].length;
    const first = text[valueStart];
    if (first === '"' || first === "'" || first === '`') {
      const quoted = quotedValue(text, valueStart);
      if (quoted) {
        const last = lineEnd(text, quoted.close);
        lines.push({ key, start, end: last, value: quoted.value });
        start = last;
        continue;
      }
    }
    const raw = text.slice(valueStart, end).replace(/\r?\n$/, '');
    lines.push({ key, start, end, value: raw.replace(/\s+#.*$/, '').trim() });
    start = end;
  }
  return lines;
}

/** The span of the line containing `offset` (newline included). */
export function lineSpanAt(text: string, offset: number): { start: number; end: number } {
  return { start: text.lastIndexOf('\n', offset - 1) + 1, end: lineEnd(text, offset) };
}

/** True when the dotenv text already assigns `key` (also `export KEY=`). */
export function assignsKey(text: string, key: string): boolean {
  return parseDotenv(text).some((line) => line.key === key);
}
