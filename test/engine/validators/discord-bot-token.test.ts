import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';

const validate = (secret: string) => findValidator('discord-bot-token')!({ secret, match: secret, path: 'x' });
const snowflake = () => `1${String(randomInt(10 ** 9)).padStart(9, '0')}${String(randomInt(10 ** 8)).padStart(8, '0')}`;
const makeToken = (id = snowflake()) =>
  `${Buffer.from(id).toString('base64url')}.${randomBytes(5).toString('base64url').slice(0, 6)}.${randomBytes(28).toString('base64url').slice(0, 38)}`;

describe('discord-bot-token', () => {
  it('accepts a token whose first part is a base64 user id', () => {
    for (let i = 0; i < 10; i++) expect(validate(makeToken())).toBe('structure-valid');
  });

  it('rejects a first part that does not decode to a snowflake', () => {
    const token = makeToken();
    expect(validate(token.slice(0, 2) + (token[2] === 'z' ? 'y' : 'z') + token.slice(3))).toBe('invalid');
    expect(validate(makeToken('hello-discord-bot'))).toBe('invalid');
  });
});
