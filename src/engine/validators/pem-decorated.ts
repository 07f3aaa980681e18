import { isPemPrivateKeyBlock } from './pem-block.js';

/**
 * Private keys that reach a file decorated line by line: a PEM (RFC 7468) built by string
 * concatenation (`"MIIE…\n" +`), printed with a log prefix on every line (`2026-04-26 12:36:01 `,
 * docker build's `#6 0.245 `) or on one line with `\n` escapes, or pasted inside a comment
 * (` * `, `# `, `// `).
 * https://www.rfc-editor.org/rfc/rfc7468#section-2
 */

/**
 * What closes a body line: an escaped newline, then a closing quote and a concatenation or list
 * operator (`\n" +`, `",`, `");`), or a spaced line continuation (` \`). A bare `+` or `/` is base64.
 */
const LINE_END = /(?:\\r)?(?:\\n)?(?:["'`][ \t]*[+,;)&.\\|]{0,3}|[ \t]+[+\\&|.]{1,2})?[ \t]*$/;
const ARMOR = /-----(?:BEGIN|END) [A-Z0-9 ]{1,40}-----/;

/** Strips the decorations from one line: keeps the armor line, or the trailing run of base64 characters. */
function undecorateLine(line: string): string {
  const armor = ARMOR.exec(line);
  if (armor) return armor[0];
  const body = /[A-Za-z0-9+/=]+$/.exec(line.replace(LINE_END, ''));
  return body ? body[0] : '';
}

/** The block rebuilt from its decorated lines: armor lines and base64 runs only. */
export function undecoratePem(text: string): string {
  // `\n` escapes outside a string literal (a log line that prints a JSON-escaped key) are line breaks too.
  return text
    .split(/\r?\n|(?:\\r)?\\n/)
    .map(undecorateLine)
    .filter(Boolean)
    .join('\n');
}

/** True when the block parses as a private key as it is, or once the decoration of each line is stripped. */
export function isDecoratedPemPrivateKeyBlock(text: string): boolean {
  if (isPemPrivateKeyBlock(text)) return true;
  return isPemPrivateKeyBlock(undecoratePem(text));
}
