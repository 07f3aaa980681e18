/**
 * Four-letter prefixes AWS documents for access key IDs that authenticate requests:
 * long-term (`AKIA`), temporary STS (`ASIA`), STS service bearer (`ABIA`) and context-specific
 * (`ACCA`) credentials.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
 */
const ACCESS_KEY_PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA'];

/** Base32 (RFC 4648) letters: the alphabet AWS key IDs are written in after the prefix. */
const BASE32_BODY = /^[A-Z2-7]{16}$/;

/**
 * An AWS access key ID: 20 characters, one of the documented prefixes, then 16 base32 characters
 * (A-Z and 2-7: never 0, 1, 8 or 9, nor lower case).
 */
export function isAwsAccessKeyId(token: string): boolean {
  return token.length === 20 && ACCESS_KEY_PREFIXES.includes(token.slice(0, 4)) && BASE32_BODY.test(token.slice(4));
}
