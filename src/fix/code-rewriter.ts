import { lexCode, tokenAround, type StringToken, type Token } from './code-lexer.js';
import type { CodeLanguage } from './file-kinds.js';
import { concatOperator, LOOKUP, placeholder } from './references.js';

/**
 * Turns one occurrence of a secret in source code into edits. A literal that is exactly the secret
 * is replaced whole, quotes and prefix included, by the language's environment lookup. A secret
 * inside a longer literal becomes an interpolation where the literal supports one, else the literal
 * is split and concatenated around the lookup. In a comment the secret becomes `${NAME}`.
 */

/** A change to a text before positions are attached. */
export interface RawEdit {
  start: number;
  end: number;
  replacement: string;
  /** The text replaced, redacted, for the plan (filled by the caller when absent). */
  shown?: string;
}

/** What rewriting one occurrence produced. */
export type Rewrite = { edits: RawEdit[]; usesOs: boolean; literal?: StringToken } | { refused: string };

/** A source file lexed once, rewritten occurrence by occurrence. */
export class CodeFile {
  private readonly tokens: Token[];

  constructor(
    readonly text: string,
    readonly language: CodeLanguage,
  ) {
    this.tokens = lexCode(text, language);
  }

  /** Edits that make `start..end` (an occurrence of a secret) reference `name`. */
  rewrite(start: number, end: number, name: string): Rewrite {
    const token = tokenAround(this.tokens, start, end);
    if (!token) return { refused: 'the secret is not inside a string literal or comment; replace it by hand' };
    if (token.kind === 'comment') return { edits: [{ start, end, replacement: placeholder(name) }], usesOs: false };
    const lookup = this.lookup(token, name);
    const usesOs = this.language === 'python' || this.language === 'go';
    const declaration = this.declarationEdits(token);
    if ('refused' in declaration) return declaration;
    if (token.contentStart === start && token.contentEnd === end) {
      return { edits: [{ start: token.start, end: token.end, replacement: lookup }, ...declaration.edits], usesOs, literal: token };
    }
    const inner = this.interpolation(token, name);
    if (inner) return { edits: [{ start, end, replacement: inner }, ...declaration.edits], usesOs, literal: token };
    const split = this.split(token, start, end, lookup);
    if ('refused' in split) return split;
    return { edits: [split, ...declaration.edits], usesOs, literal: token };
  }

  private lookup(token: StringToken, name: string): string {
    const expression = LOOKUP[this.language](name);
    return this.language === 'python' && /b/i.test(token.prefix) ? `${expression}.encode()` : expression;
  }

  private interpolation(token: StringToken, name: string): string | undefined {
    if (token.interpolation === '${' && (this.language === 'js' || this.language === 'ts')) return `\${${LOOKUP[this.language](name)}}`;
    if (token.interpolation === '${' && this.language === 'kotlin') return `\${${LOOKUP.kotlin(name)}}`;
    if (token.interpolation === '#{' && this.language === 'ruby') return `#{${LOOKUP.ruby(name)}}`;
    return undefined;
  }

  private split(token: StringToken, start: number, end: number, lookup: string): RawEdit | { refused: string } {
    const { text } = this;
    if (token.open === '"""' && this.language === 'java')
      return { refused: 'the secret is inside part of a Java text block; replace it by hand' };
    const before = text.slice(token.contentStart, start);
    const after = text.slice(end, token.contentEnd);
    if (token.escape === 'backslash' && /(^|[^\\])(\\\\)*\\$/.test(before))
      return { refused: 'the secret starts inside an escape sequence' };
    if (/f/i.test(token.prefix) && this.language === 'python' && unbalancedBraces(before))
      return { refused: 'the secret is inside an f-string expression' };
    const part = (content: string) => `${token.prefix}${token.open}${content}${token.close}`;
    const parts = [...(before ? [part(before)] : []), lookup, ...(after ? [part(after)] : [])];
    return { start: token.start, end: token.end, replacement: `(${parts.join(concatOperator(this.language))})` };
  }

  /** Go `const` and Kotlin `const val` cannot hold a run-time value: they become `var` and `val`. */
  private declarationEdits(token: StringToken): { edits: RawEdit[] } | { refused: string } {
    const { text } = this;
    const lineStart = text.lastIndexOf('\n', token.start - 1) + 1;
    const head = text.slice(lineStart, token.start);
    if (this.language === 'kotlin') {
      const constVal = /\bconst\s+(?=val\b)/.exec(head);
      return {
        edits: constVal
          ? [{ start: lineStart + constVal.index, end: lineStart + constVal.index + constVal[0].length, replacement: '' }]
          : [],
      };
    }
    if (this.language === 'csharp') {
      const constant = /\bconst\s+/.exec(head);
      if (!constant) return { edits: [] };
      const member = /\b(public|private|protected|internal)\b/.test(head.slice(0, constant.index));
      return {
        edits: [
          {
            start: lineStart + constant.index,
            end: lineStart + constant.index + constant[0].length,
            replacement: member ? 'static readonly ' : '',
          },
        ],
      };
    }
    if (this.language !== 'go') return { edits: [] };
    const single = /^(\s*)const\b/.exec(head);
    if (single)
      return {
        edits: [{ start: lineStart + (single[1] as string).length, end: lineStart + (single[1] as string).length + 5, replacement: 'var' }],
      };
    const block = goConstBlock(text, token.start);
    if (!block) return { edits: [] };
    if (/\biota\b/.test(text.slice(block.start, block.end)))
      return { refused: 'the secret is in a Go const block that uses iota; move it into a var by hand' };
    return { edits: [{ start: block.start, end: block.start + 5, replacement: 'var' }] };
  }
}

function unbalancedBraces(text: string): boolean {
  const open = (text.replace(/\{\{|\}\}/g, '').match(/\{/g) ?? []).length;
  const close = (text.replace(/\{\{|\}\}/g, '').match(/\}/g) ?? []).length;
  return open !== close;
}

/** The `const (` … `)` block of a Go file that contains `offset`, if any. */
function goConstBlock(text: string, offset: number): { start: number; end: number } | undefined {
  const opener = /^const\s*\(/gm;
  let found: { start: number; end: number } | undefined;
  for (let m = opener.exec(text); m && m.index < offset; m = opener.exec(text)) {
    const close = /^\)/m.exec(text.slice(m.index));
    const end = close ? m.index + close.index : text.length;
    if (offset < end) found = { start: m.index, end };
  }
  return found;
}
