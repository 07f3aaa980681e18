import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';

const validate = (secret: string) => findValidator('onepassword-service-account-token')!({ secret, match: secret, path: 'x' });
const makeToken = (
  payload: unknown = {
    signInAddress: 'my.1password.com',
    email: `${randomBytes(6).toString('hex')}@1passwordserviceaccounts.com`,
    secretKey: `A3-${randomBytes(4).toString('hex').toUpperCase()}`,
    srpX: randomBytes(32).toString('hex'),
  },
) => `ops_${Buffer.from(JSON.stringify(payload)).toString('base64').replace(/=+$/, '')}`;

describe('onepassword-service-account-token', () => {
  it('accepts a token whose payload carries the sign-in address and Secret Key', () => {
    expect(validate(makeToken())).toBe('structure-valid');
  });

  it('rejects a payload that is not the documented JSON', () => {
    const token = makeToken();
    expect(validate(token.slice(0, 4) + 'f' + token.slice(5))).toBe('invalid');
    expect(validate(makeToken({ hello: 'world' }))).toBe('invalid');
  });
});
