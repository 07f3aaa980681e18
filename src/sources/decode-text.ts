import { isAscii } from 'node:buffer';

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
/** For pieces after the first: a byte-order mark there is a character, as in a decode of the whole. */
const keepingBom = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Pieces of a non-ASCII text decoded apart, cut after a newline (never inside a UTF-8 sequence). */
const PIECE_BYTES = 64 * 1024;

/** True when the first 8 KB hold a NUL byte: git's own test for binary content. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Decodes UTF-8, replacing broken sequences with U+FFFD so offsets stay meaningful. ASCII (most
 * source files) is copied byte for byte into a one-byte string: the same text, several times
 * faster than the UTF-8 decoder.
 */
export function decodeText(bytes: Uint8Array): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isAscii(buffer)) return buffer.toString('latin1');
  if (buffer.length <= 2 * PIECE_BYTES) return decoder.decode(buffer);
  // Most large files have a few non-ASCII lines: their ASCII pieces are copied, only the others go through the (slower) UTF-8 decoder.
  const parts: string[] = [];
  for (let start = 0; start < buffer.length;) {
    const newline = buffer.indexOf(10, Math.min(buffer.length, start + PIECE_BYTES));
    const end = newline === -1 ? buffer.length : newline + 1;
    const piece = buffer.subarray(start, end);
    parts.push(isAscii(piece) ? piece.toString('latin1') : (start === 0 ? decoder : keepingBom).decode(piece));
    start = end;
  }
  return parts.join('');
}
