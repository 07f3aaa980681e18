import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';
import { crc32 } from '../../../src/engine/validators/crc32.js';

const validate = (secret: string) => findValidator('grafana-service-account-checksum')!({ secret, match: secret, path: 'x' });
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function makeToken(): string {
  const random = [...randomBytes(32)].map((b) => ALPHABET[b % 62]).join('');
  const sum = Buffer.alloc(4);
  sum.writeUInt32LE(crc32(`glsa_${random}`));
  return `glsa_${random}_${sum.toString('hex')}`;
}

describe('grafana-service-account-checksum', () => {
  it("accepts generated tokens and the one in Grafana's own test", () => {
    for (let i = 0; i < 20; i++) expect(validate(makeToken())).toBe('checksum-valid');
    expect(validate('glsa_iNValIdinValiDinvalidinvalidinva_5b582697')).toBe('checksum-valid');
  });

  it('rejects a token with one character changed', () => {
    const token = makeToken();
    const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
    expect(validate(flipped)).toBe('invalid');
    const badSum = token.slice(0, -1) + (token.endsWith('0') ? '1' : '0');
    expect(validate(badSum)).toBe('invalid');
  });

  it('rejects the wrong shape', () => {
    expect(validate('glsa_short_00000000')).toBe('invalid');
  });
});
