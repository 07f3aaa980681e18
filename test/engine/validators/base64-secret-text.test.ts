import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';

const validate = (secret: string) => findValidator('base64-secret-text')!({ secret, match: `  password: ${secret}`, path: 'secret.yaml' });
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('base64-secret-text', () => {
  it('accepts base64 of generated passwords and of a connection string', () => {
    const password = randomBytes(15).toString('base64url');
    expect(validate(b64(password))).toBe('structure-valid');
    expect(validate(b64(`postgres://app:${password}@db:5432/app`))).toBe('structure-valid');
  });

  it('rejects random bytes that are not text', () => {
    expect(validate(randomBytes(24).toString('base64'))).toBe('invalid');
  });

  it('rejects certificates, public keys, private keys (left to the key rules), ports and placeholders', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(validate(b64(publicKey))).toBe('invalid');
    expect(validate(b64(privateKey))).toBe('invalid');
    expect(validate(b64('5432'))).toBe('invalid');
    expect(validate(b64('true'))).toBe('invalid');
    expect(validate(b64('changeme'))).toBe('invalid');
  });
});
