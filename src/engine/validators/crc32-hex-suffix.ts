import { crc32 } from './crc32.js';

/** True when the last 8 characters are the CRC32 (IEEE) of `covered`, in hex of the given case. */
function hasHexCrc(covered: string, suffix: string, upper: boolean): boolean {
  const hex = crc32(covered).toString(16).padStart(8, '0');
  return suffix === (upper ? hex.toUpperCase() : hex);
}

const ATLASSIAN = /^(?:ATATT3xFfGF0[A-Za-z0-9_=-]{20,400}=|ATCTT3xFfGN0[A-Za-z0-9_=-]{20,400}=|ATBB[A-Za-z0-9]{24})[0-9A-F]{8}$/;

/**
 * Atlassian API tokens (`ATATT3xFfGF0…`), Bitbucket access tokens (`ATCTT3xFfGN0…`) and Bitbucket
 * app passwords (`ATBB…`) end with the CRC32 of everything before those 8 characters (the `=`
 * separator included), in upper-case hex. Atlassian documents the prefixes
 * (https://support.atlassian.com/bitbucket-cloud/docs/using-app-passwords/,
 * https://community.atlassian.com/forums/Bitbucket-questions/Can-we-confirm-BitBucket-s-token-prefixes/qaq-p/3093481)
 * but not the checksum: the scheme is the one DataDog's scanner checks
 * (https://github.com/DataDog/dd-sensitive-data-scanner/pull/349), confirmed on leaked tokens.
 */
export function atlassianTokenChecksum(token: string): boolean {
  if (!ATLASSIAN.test(token)) return false;
  return hasHexCrc(token.slice(0, -8), token.slice(-8), true);
}

const CLOUDFLARE = /^(?:cfk|cfut|cfat)_([A-Za-z0-9]{40})([0-9a-f]{8})$/;

/**
 * Cloudflare scannable credentials: `cfk_` (global API key), `cfut_` (user API token) or `cfat_`
 * (account API token), 40 random characters and a checksum
 * (https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/). The page does
 * not give the algorithm: it is the CRC32 of the 40 characters in lower-case hex, confirmed on
 * published tokens.
 */
export function cloudflareTokenChecksum(token: string): boolean {
  const m = CLOUDFLARE.exec(token);
  return m !== null && hasHexCrc(m[1] as string, m[2] as string, false);
}
