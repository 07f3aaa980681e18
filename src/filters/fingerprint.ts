import { nodeCrypto } from '../node-crypto.js';

/** Hex SHA-256 of a secret. Guessable for a password: reports carry it only with `--reveal`. */
export function secretSha256(secret: string): string {
  return nodeCrypto().createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The tag between rule id and digest that marks a keyed fingerprint: `<rule>:v2:<32 hex>`. */
export const KEYED_TAG = 'v2';

/**
 * A finding's stable identity: HMAC-SHA-256, keyed with the repository's fingerprint salt, of
 * rule id + path + secret, never a line number, so a baseline entry survives edits that move
 * lines and a report names a secret without letting anyone test guesses against it.
 */
export function keyedFingerprint(key: Buffer, ruleId: string, path: string, secret: string): string {
  const digest = nodeCrypto()
    .createHmac('sha256', key)
    .update(`unleak-fingerprint\u0000${ruleId}\u0000${path}\u0000${secret}`, 'utf8')
    .digest('hex');
  return `${ruleId}:${KEYED_TAG}:${digest.slice(0, 32)}`;
}

/**
 * The unkeyed fingerprint unleak wrote before fingerprints were keyed (`<rule>:<32 hex>`, a SHA-256 of rule id, path and
 * the secret's SHA-256). Never written any more: scans recompute it only to match baselines
 * written in that form, until `unleak baseline migrate` rewrites them.
 */
export function legacyFingerprint(ruleId: string, path: string, secret: string): string {
  const digest = nodeCrypto()
    .createHash('sha256')
    .update(`${ruleId}\u0000${path}\u0000${secretSha256(secret)}`)
    .digest('hex');
  return `${ruleId}:${digest.slice(0, 32)}`;
}

/** @deprecated The legacy (unkeyed) form: use a scan's fingerprinter; kept for callers that match old baselines. */
export const fingerprintOf = legacyFingerprint;

/** True for a fingerprint in the legacy unkeyed form. */
export function isLegacyFingerprint(fingerprint: string): boolean {
  return /^[^:\s]+:[0-9a-f]{32}$/.test(fingerprint);
}

/**
 * A short public name of a fingerprint key (an HMAC of a constant, revealing nothing of the
 * key): baselines record it, so a scan keyed differently can say why their entries do not match.
 */
export function fingerprintKeyId(key: Buffer): string {
  return nodeCrypto().createHmac('sha256', key).update('unleak-fingerprint-key-id', 'utf8').digest('hex').slice(0, 16);
}
