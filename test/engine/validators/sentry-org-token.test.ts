import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';

const validate = (secret: string) => findValidator('sentry-org-token')!({ secret, match: secret, path: 'x' });

function makeToken(
  payload: unknown = { iat: 1700000000.5, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'acme' },
): string {
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');
  return `sntrys_${encoded}_${randomBytes(32).toString('base64').replace(/=+$/, '')}`;
}

describe('sentry-org-token', () => {
  it('accepts a token built as Sentry builds it', () => {
    expect(validate(makeToken())).toBe('structure-valid');
  });

  it('rejects a changed payload or a missing field', () => {
    const token = makeToken();
    expect(validate(token.slice(0, 7) + (token[7] === 'f' ? 'g' : 'f') + token.slice(8))).toBe('invalid');
    expect(validate(makeToken({ url: 'https://sentry.io', org: 'acme' }))).toBe('invalid');
    expect(validate(`${token}x`)).toBe('invalid');
  });
});
