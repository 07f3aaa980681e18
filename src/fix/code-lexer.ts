import type { CodeLanguage } from './file-kinds.js';

/**
 * A small lexer that finds the string literals and comments of a source file, enough to know
 * whether a secret sits inside a literal (and where its quotes are) or inside a comment. It is not
 * a parser: anything it gets wrong is caught by the syntax check that runs after rewriting.
 */

/** How a string literal treats backslashes and doubled quotes. */
export type EscapeStyle = 'backslash' | 'doubled' | 'none';

/** A string literal: `start..end` covers prefix and quotes, `contentStart..contentEnd` what is between. */
export interface StringToken {
  kind: 'string';
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  prefix: string;
  open: string;
  close: string;
  escape: EscapeStyle;
  /** The interpolation opener this literal supports (`${` or `#{`), if any. */
  interpolation?: '${' | '#{';
}

/** A comment, from its marker to its end. */
export interface CommentToken {
  kind: 'comment';
  start: number;
  end: number;
}

/** What the lexer reports. */
export type Token = StringToken | CommentToken;

interface StringSpec {
  open: string;
  close: string;
  escape: EscapeStyle;
  multiline: boolean;
  interpolation?: '${' | '#{';
}

interface LexSpec {
  lineComments: string[];
  blockComments: Array<[string, string]>;
  strings: StringSpec[];
  /** Letters that may prefix a literal (`rb"…"`, `@"…"`), and how a prefix changes its escapes. */
  prefix?: RegExp;
  prefixEscape?: (prefix: string, spec: StringSpec) => EscapeStyle;
  regexLiterals?: boolean;
  /** `=begin`/`=end` block comments at line starts (Ruby). */
  rubyDoc?: boolean;
}

const str = (open: string, escape: EscapeStyle, multiline: boolean, close = open, interpolation?: '${' | '#{'): StringSpec => ({
  open,
  close,
  escape,
  multiline,
  interpolation,
});
const C_COMMENTS = { lineComments: ['//'], blockComments: [['/*', '*/']] as Array<[string, string]> };

const SPECS: Record<CodeLanguage, LexSpec> = {
  js: {
    ...C_COMMENTS,
    strings: [str('`', 'backslash', true, '`', '${'), str('"', 'backslash', false), str("'", 'backslash', false)],
    regexLiterals: true,
  },
  ts: {
    ...C_COMMENTS,
    strings: [str('`', 'backslash', true, '`', '${'), str('"', 'backslash', false), str("'", 'backslash', false)],
    regexLiterals: true,
  },
  python: {
    lineComments: ['#'],
    blockComments: [],
    strings: [str('"""', 'backslash', true), str("'''", 'backslash', true), str('"', 'backslash', false), str("'", 'backslash', false)],
    prefix: /[rRbBuUfF]{1,2}$/,
  },
  go: { ...C_COMMENTS, strings: [str('`', 'none', true), str('"', 'backslash', false), str("'", 'backslash', false)] },
  java: { ...C_COMMENTS, strings: [str('"""', 'backslash', true), str('"', 'backslash', false), str("'", 'backslash', false)] },
  kotlin: {
    ...C_COMMENTS,
    strings: [str('"""', 'none', true, '"""', '${'), str('"', 'backslash', false, '"', '${'), str("'", 'backslash', false)],
  },
  csharp: {
    ...C_COMMENTS,
    strings: [str('"""', 'none', true), str('"', 'backslash', false), str("'", 'backslash', false)],
    prefix: /[@$]{1,2}$/,
    prefixEscape: (prefix, spec) => (prefix.includes('@') && spec.open === '"' ? 'doubled' : spec.escape),
  },
  ruby: {
    lineComments: ['#'],
    blockComments: [],
    strings: [str('"', 'backslash', true, '"', '#{'), str("'", 'backslash', true), str('`', 'backslash', true, '`', '#{')],
    rubyDoc: true,
  },
  php: { lineComments: ['//', '#'], blockComments: [['/*', '*/']], strings: [str('"', 'backslash', true), str("'", 'backslash', true)] },
};

const REGEX_KEYWORDS = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'instanceof',
  'yield',
  'await',
]);
const IDENT = /[A-Za-z0-9_$]/;

class Lexer {
  readonly tokens: Token[] = [];

  constructor(
    private readonly text: string,
    private readonly spec: LexSpec,
  ) {}

  /** Lexes code from `i` until the end, or until an unmatched `}` when `nested` (interpolation); returns where it stopped. */
  code(i: number, nested: boolean): number {
    const { text, spec } = this;
    let depth = 0;
    while (i < text.length) {
      const c = text[i] as string;
      if (nested && c === '{') depth += 1;
      if (nested && c === '}') {
        if (depth === 0) return i + 1;
        depth -= 1;
      }
      const line = spec.lineComments.find((marker) => text.startsWith(marker, i));
      if (line) {
        const end = text.indexOf('\n', i);
        i = this.comment(i, end === -1 ? text.length : end);
        continue;
      }
      const block = spec.blockComments.find(([open]) => text.startsWith(open, i));
      if (block) {
        const end = text.indexOf(block[1], i + block[0].length);
        i = this.comment(i, end === -1 ? text.length : end + block[1].length);
        continue;
      }
      if (spec.rubyDoc && text.startsWith('=begin', i) && (i === 0 || text[i - 1] === '\n')) {
        const end = text.indexOf('\n=end', i);
        i = this.comment(i, end === -1 ? text.length : end + 5);
        continue;
      }
      const string = spec.strings.find((candidate) => text.startsWith(candidate.open, i));
      if (string) {
        i = this.string(i, string);
        continue;
      }
      if (spec.regexLiterals && c === '/' && this.regexAllowed(i)) {
        i = this.regex(i);
        continue;
      }
      i += 1;
    }
    return i;
  }

  private comment(start: number, end: number): number {
    this.tokens.push({ kind: 'comment', start, end });
    return end;
  }

  private string(quote: number, spec: StringSpec): number {
    const { text } = this;
    const before = text.slice(Math.max(0, quote - 2), quote);
    let prefix = this.spec.prefix?.exec(before)?.[0] ?? '';
    if (prefix && IDENT.test(text[quote - prefix.length - 1] ?? '')) prefix = '';
    const escape = this.spec.prefixEscape ? this.spec.prefixEscape(prefix, spec) : spec.escape;
    const contentStart = quote + spec.open.length;
    let i = contentStart;
    while (i < text.length) {
      const c = text[i] as string;
      if (escape === 'backslash' && c === '\\') {
        i += 2;
        continue;
      }
      if (escape === 'doubled' && text.startsWith(spec.close + spec.close, i) && spec.close.length === 1) {
        i += 2;
        continue;
      }
      if (spec.interpolation && !prefix.includes('r') && text.startsWith(spec.interpolation, i)) {
        i = this.code(i + spec.interpolation.length, true);
        continue;
      }
      if (text.startsWith(spec.close, i)) {
        this.tokens.push({
          kind: 'string',
          start: quote - prefix.length,
          end: i + spec.close.length,
          contentStart,
          contentEnd: i,
          prefix,
          open: spec.open,
          close: spec.close,
          escape,
          ...(spec.interpolation ? { interpolation: spec.interpolation } : {}),
        });
        return i + spec.close.length;
      }
      if (c === '\n' && !spec.multiline && escape !== 'doubled') return i;
      i += 1;
    }
    return i;
  }

  private regexAllowed(i: number): boolean {
    const { text } = this;
    if (text[i + 1] === '/' || text[i + 1] === '*') return false;
    let j = i - 1;
    while (j >= 0 && /\s/.test(text[j] as string)) j -= 1;
    if (j < 0) return true;
    const p = text[j] as string;
    if ('(,=:[!&|?{};+-*%<>~^'.includes(p)) return true;
    if (!IDENT.test(p)) return false;
    let k = j;
    while (k >= 0 && IDENT.test(text[k] as string)) k -= 1;
    return REGEX_KEYWORDS.has(text.slice(k + 1, j + 1));
  }

  private regex(start: number): number {
    const { text } = this;
    let i = start + 1;
    let inClass = false;
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') return start + 1;
      if (c === '\\') i += 1;
      else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) return i + 1;
      i += 1;
    }
    return start + 1;
  }
}

/** The string literals and comments of a source file, in order (literals inside interpolations included). */
export function lexCode(text: string, language: CodeLanguage): Token[] {
  const lexer = new Lexer(text, SPECS[language]);
  lexer.code(0, false);
  return lexer.tokens.sort((a, b) => a.start - b.start);
}

/** The innermost token that contains the range `start..end`, if any. */
export function tokenAround(tokens: Token[], start: number, end: number): Token | undefined {
  let best: Token | undefined;
  for (const token of tokens) {
    if (token.start > start) break;
    const inside =
      token.kind === 'string' ? token.contentStart <= start && end <= token.contentEnd : token.start <= start && end <= token.end;
    if (inside && (!best || token.end - token.start < best.end - best.start)) best = token;
  }
  return best;
}
