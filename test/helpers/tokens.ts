import { randomBytes } from 'node:crypto';
import { crc32, toBase62 } from '../../src/engine/index.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random base62 text of a given length (no run-time literal secrets in tests). */
export function randomBase62(length: number): string {
  return [...randomBytes(length)].map((byte) => BASE62[byte % 62]).join('');
}

/** A token with the GitHub/npm checksum scheme: prefix + 30 random base62 + base62(CRC32) in 6 chars. */
export function checksumToken(prefix: string): string {
  const body = randomBase62(30);
  return `${prefix}${body}${toBase62(crc32(body), 6)}`;
}

/** A GitHub classic personal access token with a valid checksum. */
export const githubToken = (): string => checksumToken('ghp_');

/** The same token with its last character changed, so the checksum fails. */
export function breakChecksum(token: string): string {
  const last = token.at(-1) as string;
  return token.slice(0, -1) + (last === 'a' ? 'b' : 'a');
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#*+=?@_~';

/**
 * A fresh password of four character classes, no letter run of three (no word), no digit run of three,
 * no repeated character, not starting with `=` (`NAME==value` reads as a comparison in most notations)
 * and not ending in `!`, `?` (sentence punctuation in prose) or `*` (where markdown emphasis closes: the prose
 * rule leaves it out, so a password in a sentence ending in `*` was missed about once in 66 runs).
 */
export function strongPassword(length: number): string {
  for (;;) {
    const value = [...randomBytes(length)].map((b) => PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]).join('');
    const classes = /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value) && /[^A-Za-z0-9]/.test(value);
    if (classes && !/[A-Za-z]{3}|\d{3}/.test(value) && new Set(value).size === length && !value.startsWith('=') && !/[!?*]$/.test(value))
      return value;
  }
}
