import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';

const validate = (secret: string) => findValidator('azure-devops-pat-checksum')!({ secret, match: secret, path: 'x' });

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function toBase32(bytes: Buffer): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + alphabet[(value << (5 - bits)) & 31] : out;
}

/** A 52-character PAT: 28 random bytes with the seeded CRC32 spread over bytes 22, 8, 7 and 2. */
function makePat(seed: number): string {
  const random = randomBytes(28);
  const sum = Buffer.alloc(4);
  sum.writeUInt32LE((crc32(random) ^ seed) >>> 0);
  const bytes = Buffer.concat([
    random.subarray(0, 2),
    sum.subarray(3, 4),
    random.subarray(2, 6),
    sum.subarray(2, 3),
    sum.subarray(1, 2),
    random.subarray(6, 19),
    sum.subarray(0, 1),
    random.subarray(19, 28),
  ]);
  return toBase32(bytes);
}

describe('azure-devops-pat-checksum', () => {
  it('accepts generated user and application PATs', () => {
    for (let i = 0; i < 10; i++) {
      expect(validate(makePat(0xe0b9692d))).toBe('checksum-valid');
      expect(validate(makePat(0x1019f92e))).toBe('checksum-valid');
    }
  });

  it('rejects a PAT with one character changed', () => {
    const pat = makePat(0xe0b9692d);
    expect(validate(pat.slice(0, 30) + (pat[30] === 'a' ? 'b' : 'a') + pat.slice(31))).toBe('invalid');
  });

  it('rejects a random base32 string and a wrong seed', () => {
    expect(validate(toBase32(randomBytes(32)).slice(0, 52))).toBe('invalid');
    expect(validate(makePat(0x12345678))).toBe('invalid');
  });
});
