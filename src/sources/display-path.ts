import { isUtf8 } from 'node:buffer';

/** A path as listed: its text, and its raw bytes when those are not valid UTF-8 (the bytes to open it by). */
export interface ListedPath {
  /** The path as reported: UTF-8, with each byte of an invalid sequence written `\xNN`. */
  path: string;
  /** The name's bytes, only when they are not valid UTF-8 (the text above cannot open the file). */
  raw?: Buffer;
}

/** Length of the UTF-8 sequence a lead byte starts (0: never a lead byte). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * A path's bytes as readable text: valid UTF-8 unchanged; each byte of an invalid sequence (a
 * Latin-1 name, a truncated character) as `\xNN`, so the report names the file unambiguously
 * enough to find it, and never prints raw bytes or U+FFFD.
 */
export function displayPath(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes[i] as number);
    if (length && i + length <= bytes.length && isUtf8(bytes.subarray(i, i + length))) {
      out += bytes.toString('utf8', i, i + length);
      i += length;
    } else {
      out += `\\x${(bytes[i] as number).toString(16).padStart(2, '0')}`;
      i += 1;
    }
  }
  return out;
}

/** A listed path from its bytes: the raw bytes are kept only when the text cannot stand for them. */
export function listedPath(bytes: Buffer): ListedPath {
  return isUtf8(bytes) ? { path: bytes.toString('utf8') } : { path: displayPath(bytes), raw: Buffer.from(bytes) };
}
