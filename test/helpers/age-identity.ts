import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { bech32Encode } from '../../src/engine/validators/age-secret-key.js';

/**
 * X25519 age identities made in-process, synchronously, so tests need no `age-keygen` binary.
 * Same bytes and encoding as age-keygen and the age-encryption library (Bech32, BIP 173);
 * test/helpers/age-identity.test.ts checks them against the library's identityToRecipient.
 */

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
  return bech32Encode(hrp, toFiveBitWords(bytes));
}

const rawKey = (key: KeyObject, part: 'd' | 'x'): Buffer => Buffer.from(key.export({ format: 'jwk' })[part] as string, 'base64url');

/** A new X25519 age identity (`AGE-SECRET-KEY-1…`) and its recipient (`age1…`). */
export function newAgeIdentity(): { identity: string; recipient: string } {
  const { privateKey } = generateKeyPairSync('x25519');
  const identity = bech32('age-secret-key-', rawKey(privateKey, 'd')).toUpperCase();
  const recipient = bech32('age', rawKey(createPublicKey(privateKey), 'x'));
  return { identity, recipient };
}
