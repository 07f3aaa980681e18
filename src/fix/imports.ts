import type { RawEdit } from './code-rewriter.js';

/**
 * The `os` import that Python's `os.environ` and Go's `os.Getenv` need, added only when the file
 * does not import it yet, where the language allows it: after a Python module's docstring and
 * `from __future__` imports; inside (or after) a Go file's import declarations.
 */

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function pythonImportsOs(text: string): boolean {
  return /^import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*os(?:[ \t]*,|[ \t]*$|[ \t]*#)/m.test(text.replace(/\r/g, ''));
}

/** Where `import os` goes in a Python file: after shebang, encoding line, comments, docstring and __future__ imports. */
function pythonInsertOffset(text: string): number {
  const docstring = /^\uFEFF?(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*[rRuU]?("""|''')[\s\S]*?\1[^\n]*(?:\n|$)/.exec(text);
  let offset = docstring ? docstring[0].length : text.startsWith('\uFEFF') ? 1 : 0;
  const preamble = /^(?:(?:[ \t]*(?:#[^\n]*)?|from[ \t]+__future__[ \t]+import[^\n]*)(?:\n|$))*/.exec(text.slice(offset));
  offset += preamble ? preamble[0].length : 0;
  if (offset > 0 && text[offset - 1] !== '\n' && !(offset === 1 && text.startsWith('\uFEFF'))) return -1;
  return offset;
}

/** The edit adding `import os` to a Python file, or none when it is imported already. */
export function pythonOsImport(text: string): RawEdit | undefined {
  if (pythonImportsOs(text)) return undefined;
  const offset = pythonInsertOffset(text);
  const eol = eolOf(text);
  if (offset === -1) return { start: text.length, end: text.length, replacement: `${eol}import os${eol}` };
  return { start: offset, end: offset, replacement: `import os${eol}` };
}

/** The edit adding `"os"` to a Go file's imports, or none when it is imported already. */
export function goOsImport(text: string): RawEdit | undefined {
  const plain = text.replace(/\r/g, '');
  if (/^import[ \t]+(?:\w+[ \t]+)?"os"/m.test(plain) || /^import[ \t]*\([^)]*^[ \t]*(?:\w+[ \t]+)?"os"[ \t]*(?:\/\/[^\n]*)?$/ms.test(plain))
    return undefined;
  const eol = eolOf(text);
  const block = /^import[ \t]*\([ \t]*\r?\n/m.exec(text);
  if (block) return { start: block.index + block[0].length, end: block.index + block[0].length, replacement: `\t"os"${eol}` };
  const single = /^import[ \t]+[^\n]*\n/m.exec(text);
  if (single) return { start: single.index + single[0].length, end: single.index + single[0].length, replacement: `import "os"${eol}` };
  const pkg = /^\uFEFF?package[ \t]+\w+[^\n]*(?:\n|$)/m.exec(text);
  if (!pkg) return undefined;
  const at = pkg.index + pkg[0].length;
  const lead = text[at - 1] === '\n' ? '' : eol;
  return { start: at, end: at, replacement: `${lead}${eol}import "os"${eol}` };
}
