/**
 * The one dotenv reader (plaintext `.env` files, not SOPS's encrypted dotenv flavour): every
 * `KEY=value` assignment with its exact span, and the problems found, by line number, never
 * quoting content. `secrets import` takes the values; `fix` cuts whole assignments out.
 * Syntax as the `dotenv` package reads it (https://github.com/motdotla/dotenv#what-rules-does-the-parsing-engine-follow):
 * `export ` prefix, `#` comments, single quotes and backticks literal, double quotes with
 * \n \r \t \" \\ escapes, quoted values may span lines; unquoted values end at ` #` and are trimmed.
 */

/** One `KEY=value` assignment. */
export interface DotenvAssignment {
  key: string;
  /** 1-based number of the line the assignment starts on. */
  line: number;
  /** Offset of the line's first character. */
  start: number;
  /** Offset just after the assignment's last line (its newline included, or the end of the text). */
  end: number;
  /** The value as the application sees it (quotes removed, escapes expanded in double quotes). */
  value: string;
  /** True when an opening quote has no closing one; `value` is then the rest of the line as is. */
  unterminated?: true;
}

/** A line that is not a comment, blank or a well-formed assignment. */
export interface DotenvProblem {
  line: number;
  message: string;
}

/** The result of reading a dotenv text. */
export interface DotenvParse {
  assignments: DotenvAssignment[];
  problems: DotenvProblem[];
}

const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;
const QUOTE_NAMES: Record<string, string> = { '"': 'double', "'": 'single', '`': 'backtick' };

/** Reads every assignment of a dotenv text, in order, and the lines that are not assignments. */
export function parseDotenv(text: string): DotenvParse {
  const assignments: DotenvAssignment[] = [];
  const problems: DotenvProblem[] = [];
  let start = 0;
  let line = 1;
  while (start < text.length) {
    const end = lineEnd(text, start);
    const content = text.slice(start, end).replace(/\r?\n$/, '');
    const match = ASSIGNMENT.exec(content);
    if (!match) {
      if (!/^\s*(#|$)/.test(content)) problems.push({ line, message: 'not NAME=VALUE' });
      line += 1;
      start = end;
      continue;
    }
    const key = match[1] as string;
    const valueStart = start + match[0].length;
    const quote = text[valueStart] ?? '';
    if (quote in QUOTE_NAMES) {
      const quoted = quotedValue(text, valueStart);
      if (quoted) {
        const last = lineEnd(text, quoted.close);
        assignments.push({ key, line, start, end: last, value: quoted.value });
        line += countNewlines(text, start, last);
        start = last;
        continue;
      }
      problems.push({ line, message: `unterminated ${QUOTE_NAMES[quote]} quote` });
      assignments.push({ key, line, start, end, value: unquoted(content.slice(match[0].length)), unterminated: true });
    } else {
      assignments.push({ key, line, start, end, value: unquoted(content.slice(match[0].length)) });
    }
    line += 1;
    start = end;
  }
  return { assignments, problems };
}

function unquoted(raw: string): string {
  return raw.replace(/\s+#.*$/, '').trim();
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline + 1;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

function quotedValue(text: string, open: number): { value: string; close: number } | undefined {
  const quote = text[open] as string;
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote === '"') {
      i += 1;
      continue;
    }
    if (text[i] === quote) {
      const raw = text.slice(open + 1, i).replace(/\r\n/g, '\n');
      return { value: quote === '"' ? unescapeDouble(raw) : raw, close: i };
    }
  }
  return undefined;
}

function unescapeDouble(raw: string): string {
  return raw.replace(/\\([nrt"\\])/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}
