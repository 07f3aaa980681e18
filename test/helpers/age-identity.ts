import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * X25519 age identities made in-process, synchronously, so tests need no `age-keygen` binary.
 * Same bytes and encoding as age-keygen and the age-encryption library (Bech32, BIP 173);
 * test/helpers/age-identity.test.ts checks them against the library's identityToRecipient.
 */

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: number[]): number {
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

function toFiveBitWords(bytes: Uint8Array): number[] {
  const words: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = ((acc << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      words.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) words.push((acc << (5 - bits)) & 31);
  return words;
}

/** Bech32 (BIP 173, no length limit) of `bytes` with a lower-case human-readable part. */
export function bech32(hrp: string, bytes: Uint8Array): string {
  const words = toFiveBitWords(bytes);
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  const expanded = [...codes.map((c) => c >> 5), 0, ...codes.map((c) => c & 31)];
  const chk = polymod([...expanded, ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (chk >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...words, ...checksum].map((w) => CHARSET[w]).join('')}`;
}

const rawKey = (key: KeyObject, part: 'd' | 'x'): Buffer => Buffer.from(key.export({ format: 'jwk' })[part] as string, 'base64url');

/** A new X25519 age identity (`AGE-SECRET-KEY-1…`) and its recipient (`age1…`). */
export function newAgeIdentity(): { identity: string; recipient: string } {
  const { privateKey } = generateKeyPairSync('x25519');
  const identity = bech32('age-secret-key-', rawKey(privateKey, 'd')).toUpperCase();
  const recipient = bech32('age', rawKey(createPublicKey(privateKey), 'x'));
  return { identity, recipient };
}
