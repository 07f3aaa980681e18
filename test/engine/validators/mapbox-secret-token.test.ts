import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';

const validate = (secret: string) => findValidator('mapbox-secret-token')!({ secret, match: secret, path: 'x' });
const body = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const makeToken = () =>
  `sk.${body({ u: 'mapper', a: randomBytes(12).toString('base64url') })}.${randomBytes(16).toString('base64url').slice(0, 22)}`;

describe('mapbox-secret-token', () => {
  it('accepts a token whose payload names a user', () => {
    expect(validate(makeToken())).toBe('structure-valid');
  });

  it('rejects a public token, a broken payload and a one-character change', () => {
    expect(validate(makeToken().replace(/^sk\./, 'pk.'))).toBe('invalid');
    expect(validate(`sk.${randomBytes(30).toString('base64url')}.${randomBytes(16).toString('base64url')}`)).toBe('invalid');
    const token = makeToken();
    expect(validate(token.slice(0, 3) + 'f' + token.slice(4))).toBe('invalid');
  });
});
