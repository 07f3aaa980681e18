/**
 * age X25519 identities: `AGE-SECRET-KEY-1` then the Bech32 (BIP-173) encoding of a 32-byte
 * scalar, in upper case. https://github.com/C2SP/C2SP/blob/main/age.md#the-x25519-recipient-type
 * https://github.com/bitcoin/bips/blob/master/bip-0173.mediawiki#bech32
 */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const AGE_HRP = 'age-secret-key-';

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    GENERATOR.forEach((g, i) => {
      if ((top >>> i) & 1) chk ^= g;
    });
  }
  return chk >>> 0;
}

const expandHrp = (hrp: string): number[] => [
  ...[...hrp].map((c) => c.charCodeAt(0) >> 5),
  0,
  ...[...hrp].map((c) => c.charCodeAt(0) & 31),
];

/** Encodes 5-bit words as Bech32 (BIP-173 checksum, no length limit) with a lower-case human-readable part. */
export function bech32Encode(hrp: string, words: readonly number[]): string {
  const chk = polymod([...expandHrp(hrp), ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (chk >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...words, ...checksum].map((w) => CHARSET[w]).join('')}`;
}

/** Decodes a Bech32 string (BIP-173 checksum, not Bech32m); undefined when it is not valid. */
export function bech32Decode(text: string): { hrp: string; words: number[] } | undefined {
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) return undefined;
  const lower = text.toLowerCase();
  const separator = lower.lastIndexOf('1');
  if (separator < 1 || separator + 7 > lower.length) return undefined;
  const hrp = lower.slice(0, separator);
  const words = [...lower.slice(separator + 1)].map((c) => CHARSET.indexOf(c));
  if (words.some((w) => w < 0)) return undefined;
  if (polymod([...expandHrp(hrp), ...words]) !== 1) return undefined;
  return { hrp, words: words.slice(0, -6) };
}

/** True when the text is an age identity: the right prefix, a valid checksum, 32 bytes with zero padding. */
export function isAgeSecretKey(text: string): boolean {
  const decoded = bech32Decode(text);
  if (!decoded || decoded.hrp !== AGE_HRP || decoded.words.length !== 52) return false;
  return ((decoded.words[51] as number) & 0b1111) === 0;
}
