import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';
import { crc32 } from '../../../src/engine/validators/crc32.js';

const validate = (secret: string) => findValidator('atlassian-token-checksum')!({ secret, match: secret, path: 'x' });
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const URLSAFE = `${ALNUM}-_`;
const random = (alphabet: string, n: number) => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
const withCrc = (body: string) => body + crc32(body).toString(16).toUpperCase().padStart(8, '0');

const makers = {
  api: () => withCrc(`ATATT3xFfGF0${random(URLSAFE, 171)}=`),
  access: () => withCrc(`ATCTT3xFfGN0${random(URLSAFE, 171)}=`),
  app: () => withCrc(`ATBB${random(ALNUM, 24)}`),
};

describe('atlassian-token-checksum', () => {
  it('accepts generated API tokens, Bitbucket access tokens and app passwords', () => {
    for (const make of Object.values(makers)) for (let i = 0; i < 10; i++) expect(validate(make())).toBe('checksum-valid');
  });

  it('rejects each kind with one character changed', () => {
    for (const make of Object.values(makers)) {
      const token = make();
      const at = 20;
      expect(validate(token.slice(0, at) + (token[at] === 'a' ? 'b' : 'a') + token.slice(at + 1))).toBe('invalid');
      expect(validate(token.slice(0, -1) + (token.endsWith('0') ? '1' : '0'))).toBe('invalid');
    }
  });

  it('rejects a lower-case checksum and a wrong prefix', () => {
    const token = makers.app();
    expect(validate(token.slice(0, -8) + token.slice(-8).toLowerCase().replace(/\d/g, 'a'))).toBe('invalid');
    expect(validate(`ATBC${token.slice(4)}`)).toBe('invalid');
  });
});
