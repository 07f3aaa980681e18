/**
 * Quoting contexts of a POSIX shell script: what surrounds a word decides how `${NAME}` must be
 * written so that the shell expands it. https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_02
 */

/** A quoted region, comment or here-document body; `start..end` is the content (quotes excluded). */
export interface ShellRegion {
  kind: 'single' | 'ansi' | 'double' | 'comment' | 'heredoc';
  start: number;
  end: number;
  /** For here-documents: true when the delimiter was quoted (`<<'EOF'`), so nothing expands. */
  literal?: boolean;
}

/** How a range of a script is quoted. `bare` when it is in no region. */
export type ShellContext = ShellRegion['kind'] | 'bare' | 'heredoc-literal';

const WORD_START = new Set([undefined, ' ', '\t', '\n', ';', '|', '&', '(', ')']);
const HEREDOC = /^<<(-?)[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;

function closeQuote(text: string, from: number, quote: string, escapes: boolean): number {
  for (let i = from; i < text.length; i++) {
    if (escapes && text[i] === '\\') i += 1;
    else if (text[i] === quote) return i;
  }
  return text.length;
}

/** The quoted regions, comments and here-document bodies of a script. */
export function shellRegions(text: string): ShellRegion[] {
  const regions: ShellRegion[] = [];
  const pending: Array<{ delimiter: string; strip: boolean; literal: boolean }> = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '\n' && pending.length) {
      i += 1;
      for (const doc of pending.splice(0)) {
        const bodyStart = i;
        let end = text.length;
        let next = text.length;
        while (i < text.length) {
          const eol = text.indexOf('\n', i);
          const lineEnd = eol === -1 ? text.length : eol;
          const line = text.slice(i, lineEnd).replace(/\r$/, '');
          if ((doc.strip ? line.replace(/^\t+/, '') : line) === doc.delimiter) {
            end = i;
            next = eol === -1 ? text.length : eol + 1;
            break;
          }
          i = lineEnd + 1;
        }
        regions.push({ kind: 'heredoc', start: bodyStart, end, literal: doc.literal });
        i = next;
      }
      continue;
    }
    if (c === '#' && WORD_START.has(text[i - 1])) {
      const eol = text.indexOf('\n', i);
      const end = eol === -1 ? text.length : eol;
      regions.push({ kind: 'comment', start: i + 1, end });
      i = end;
      continue;
    }
    if (c === "'") {
      const end = closeQuote(text, i + 1, "'", false);
      regions.push({ kind: 'single', start: i + 1, end });
      i = end + 1;
      continue;
    }
    if (c === '$' && text[i + 1] === "'") {
      const end = closeQuote(text, i + 2, "'", true);
      regions.push({ kind: 'ansi', start: i + 2, end });
      i = end + 1;
      continue;
    }
    if (c === '"') {
      const end = closeQuote(text, i + 1, '"', true);
      regions.push({ kind: 'double', start: i + 1, end });
      i = end + 1;
      continue;
    }
    if (c === '<' && text.startsWith('<<', i) && text[i + 2] !== '<') {
      const doc = HEREDOC.exec(text.slice(i));
      if (doc) {
        pending.push({ strip: doc[1] === '-', literal: doc[2] !== '', delimiter: doc[3] as string });
        i += doc[0].length;
        continue;
      }
    }
    i += 1;
  }
  return regions;
}

/** The quoting context of `start..end`, or undefined when the range straddles a region's edge. */
export function shellContextOf(regions: ShellRegion[], start: number, end: number): ShellContext | undefined {
  for (const region of regions) {
    if (region.start <= start && end <= region.end) return region.kind === 'heredoc' && region.literal ? 'heredoc-literal' : region.kind;
    if (start < region.end && region.start < end) return undefined;
  }
  return 'bare';
}
