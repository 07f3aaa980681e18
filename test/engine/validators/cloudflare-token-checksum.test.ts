import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';
import { crc32 } from '../../../src/engine/validators/crc32.js';

const validate = (secret: string) => findValidator('cloudflare-token-checksum')!({ secret, match: secret, path: 'x' });
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function makeToken(prefix: string): string {
  const body = [...randomBytes(40)].map((b) => ALNUM[b % 62]).join('');
  return `${prefix}_${body}${crc32(body).toString(16).padStart(8, '0')}`;
}

describe('cloudflare-token-checksum', () => {
  it('accepts generated global keys, user and account tokens', () => {
    for (const prefix of ['cfk', 'cfut', 'cfat']) for (let i = 0; i < 10; i++) expect(validate(makeToken(prefix))).toBe('checksum-valid');
  });

  it('rejects a token with one character changed', () => {
    const token = makeToken('cfut');
    expect(validate(token.slice(0, 12) + (token[12] === 'a' ? 'b' : 'a') + token.slice(13))).toBe('invalid');
    expect(validate(token.slice(0, -1) + (token.endsWith('0') ? '1' : '0'))).toBe('invalid');
  });

  it('rejects an unknown prefix', () => {
    expect(validate(`cfxx${makeToken('cfut').slice(4)}`)).toBe('invalid');
  });
});
