import { crc32, toBase62 } from './crc32.js';

/**
 * The checksum scheme GitHub and npm publish for their tokens: a prefix, 30 random base62
 * characters, then the CRC32 of those 30 characters as 6 base62 digits.
 * https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 */
export function hasBase62Crc32Suffix(token: string, prefix: string, bodyLength = 30): boolean {
  if (!token.startsWith(prefix)) return false;
  const rest = token.slice(prefix.length);
  if (rest.length !== bodyLength + 6) return false;
  const body = rest.slice(0, bodyLength);
  return toBase62(crc32(body), 6) === rest.slice(bodyLength);
}

const GITHUB_PREFIXES = ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'];

/** GitHub classic, OAuth, user-to-server, server-to-server and refresh tokens. */
export function githubTokenChecksum(token: string): boolean {
  const prefix = GITHUB_PREFIXES.find((p) => token.startsWith(p));
  return prefix !== undefined && hasBase62Crc32Suffix(token, prefix);
}

/** npm granular and automation tokens (`npm_`), the same scheme as GitHub's. */
export function npmTokenChecksum(token: string): boolean {
  return hasBase62Crc32Suffix(token, 'npm_');
}
