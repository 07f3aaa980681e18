import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';

const validate = (secret: string) => findValidator('pem-private-key-block')!({ secret, match: secret, path: 'key.pem' });

const rsa = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 1024,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
const ec = () =>
  generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'sec1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
const ed25519 = () =>
  generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });

/** Changes one base64 character of the DER header (the outer SEQUENCE length), so the key no longer parses. */
function corrupt(pem: string): string {
  const lines = pem.split('\n');
  const line = lines[1] as string;
  lines[1] = `${line[0]}${line[1] === 'A' ? 'B' : 'A'}${line.slice(2)}`;
  return lines.join('\n');
}

describe('pem-private-key-block', () => {
  it('accepts generated PKCS#1, SEC1, PKCS#8 and encrypted PKCS#8 keys', () => {
    expect(validate(rsa().privateKey)).toBe('structure-valid');
    expect(validate(ec().privateKey)).toBe('structure-valid');
    expect(validate(ed25519().privateKey)).toBe('structure-valid');
    const encrypted = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'not-used-anywhere' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    expect(validate(encrypted.privateKey)).toBe('structure-valid');
  });

  it('accepts a key indented in a YAML block scalar, with CRLF, or joined by spaces on one line', () => {
    const { privateKey } = ec();
    expect(
      validate(
        privateKey
          .trim()
          .split('\n')
          .map((line) => `    ${line}`)
          .join('\n'),
      ),
    ).toBe('structure-valid');
    expect(validate(privateKey.replace(/\n/g, '\r\n'))).toBe('structure-valid');
    expect(validate(privateKey.trim().split('\n').join(' '))).toBe('structure-valid');
  });

  it('rejects a key with one character changed, a public key and a truncated body', () => {
    const { privateKey, publicKey } = ec();
    expect(validate(corrupt(privateKey))).toBe('invalid');
    expect(validate(publicKey)).toBe('invalid');
    expect(validate('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\n-----END PRIVATE KEY-----')).toBe('invalid');
  });
});
