import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';

const validate = (secret: string) => findValidator('basic-auth-base64')!({ secret, match: `"auth": "${secret}"`, path: 'config.json' });
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('basic-auth-base64', () => {
  it('accepts base64 of generated user:password pairs', () => {
    for (let i = 0; i < 5; i++) expect(validate(b64(`ci-${i}:${randomBytes(12).toString('base64url')}`))).toBe('structure-valid');
  });

  it('rejects the pair with one base64 character changed so it no longer decodes to text', () => {
    const encoded = b64(`deployer:${randomBytes(12).toString('base64url')}`);
    expect(validate(`${encoded.slice(0, -2)}!${encoded.slice(-1)}`)).toBe('invalid');
    expect(validate(b64(`deployer\u0000:${randomBytes(4).toString('hex')}`))).toBe('invalid');
  });

  it('rejects placeholders, defaults, empty passwords and text without a colon', () => {
    expect(validate(b64('username:password'))).toBe('invalid');
    expect(validate(b64('admin:admin'))).toBe('invalid');
    expect(validate(b64('user:'))).toBe('invalid');
    expect(validate(b64(randomBytes(12).toString('base64url')))).toBe('invalid');
    expect(validate(randomBytes(24).toString('base64'))).toBe('invalid');
  });
});
