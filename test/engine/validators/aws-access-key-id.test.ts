import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';

const validate = (secret: string) => findValidator('aws-access-key-id')!({ secret, match: secret, path: 'x' });
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function makeKey(prefix: string): string {
  return prefix + [...randomBytes(16)].map((b) => BASE32[b % 32]).join('');
}

describe('aws-access-key-id', () => {
  it('accepts generated keys of every documented prefix', () => {
    for (const prefix of ['AKIA', 'ASIA', 'ABIA', 'ACCA']) expect(validate(makeKey(prefix))).toBe('structure-valid');
  });

  it('rejects a key with one character changed to a digit outside base32', () => {
    const key = makeKey('AKIA');
    expect(validate(`${key.slice(0, 10)}0${key.slice(11)}`)).toBe('invalid');
    expect(validate(`${key.slice(0, 10)}8${key.slice(11)}`)).toBe('invalid');
  });

  it('rejects identifiers that are not access keys, and wrong lengths or case', () => {
    expect(validate(makeKey('AIDA'))).toBe('invalid');
    expect(validate(makeKey('AROA'))).toBe('invalid');
    expect(validate(makeKey('AKIA').slice(0, 19))).toBe('invalid');
    expect(validate(makeKey('AKIA').toLowerCase())).toBe('invalid');
  });
});
