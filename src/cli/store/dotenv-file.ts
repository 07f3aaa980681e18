/**
 * Plaintext dotenv files, for `secrets import` and `secrets export --format dotenv`. Parsing follows
 * the common dotenv rules: `export ` prefix, `#` comments, single quotes literal, double quotes
 * with \n \r \t \" \\ escapes, both may span lines; unquoted values end at ` #`.
 */

/** The entries of a dotenv file in order, and problems by line number (never quoting content). */
export interface DotenvParse {
  entries: Array<[string, string]>;
  problems: string[];
}

const LINE_START = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*/;

/** Parses dotenv text. */
export function parseDotenv(text: string): DotenvParse {
  const entries: Array<[string, string]> = [];
  const problems: string[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (/^\s*(#|$)/.test(line)) continue;
    const start = LINE_START.exec(line);
    if (!start) {
      problems.push(`line ${index + 1}: not NAME=VALUE`);
      continue;
    }
    const name = start[1] ?? '';
    let rest = line.slice(start[0].length);
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      const first = index;
      rest = rest.slice(1);
      let body = '';
      for (;;) {
        const end = closingQuote(rest, quote);
        if (end !== -1) {
          body += rest.slice(0, end);
          break;
        }
        body += `${rest}\n`;
        index += 1;
        if (index >= lines.length) {
          problems.push(`line ${first + 1}: unterminated ${quote === '"' ? 'double' : 'single'} quote`);
          body = '';
          break;
        }
        rest = lines[index] ?? '';
      }
      if (problems.at(-1)?.startsWith(`line ${first + 1}:`)) continue;
      entries.push([name, quote === '"' ? unescapeDouble(body) : body]);
    } else {
      entries.push([name, rest.replace(/\s+#.*$/, '').trim()]);
    }
  }
  return { entries, problems };
}

function closingQuote(text: string, quote: string): number {
  for (let i = 0; i < text.length; i += 1) {
    if (quote === '"' && text[i] === '\\') i += 1;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function unescapeDouble(body: string): string {
  return body.replace(/\\([nrt"\\])/g, (_, char: string) => ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' })[char] ?? char);
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
