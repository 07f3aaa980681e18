import { crc32 } from './crc32.js';

const ROUTABLE = /^([a-z]+-[A-Za-z0-9_-]+)\.(?:01\.)?([0-9a-z]{2})([0-9a-z]{7})$/;
const PREFIX = /^[a-z]+-(?:t\d_)?$/;

/**
 * GitLab routable tokens (`glpat-`, `glrt-t1_`, `glagent-`…): a prefix, the unpadded base64url
 * payload (16 random bytes, routing data, its length byte), `.`, the version `01` and `.` (absent
 * in the first release), the payload length in 2 base36 digits, then the CRC32 of everything
 * before it in 7 base36 digits.
 * https://gitlab.com/gitlab-org/gitlab/-/blob/master/lib/authn/token_field/generator/routable_token.rb
 */
export function gitlabRoutableTokenChecksum(token: string): boolean {
  const m = ROUTABLE.exec(token);
  if (!m) return false;
  const [, head, length, crc] = m as unknown as [string, string, string, string];
  const payloadLength = Number.parseInt(length, 36);
  if (payloadLength >= head.length || !PREFIX.test(head.slice(0, head.length - payloadLength))) return false;
  return crc32(token.slice(0, -7)).toString(36).padStart(7, '0') === crc;
}
