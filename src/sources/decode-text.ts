import { isAscii } from 'node:buffer';

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

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
  if (isAscii(bytes))
    return (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('latin1');
  return decoder.decode(bytes);
}
