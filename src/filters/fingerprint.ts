import { createHash } from 'node:crypto';

/** Hex SHA-256 of a secret: lets reports and baselines name a secret without holding it. */
export function secretSha256(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * A finding's stable identity: rule id + path + secret hash, never a line number, so a
 * baseline entry survives edits that move lines.
 */
export function fingerprintOf(ruleId: string, path: string, secret: string): string {
  const digest = createHash('sha256').update(`${ruleId}\u0000${path}\u0000${secretSha256(secret)}`).digest('hex');
  return `${ruleId}:${digest.slice(0, 32)}`;
}
