import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';

const validate = (secret: string) => findValidator('pypi-macaroon')!({ secret, match: secret, path: 'x' });

const field = (type: number, data: Buffer | string) => {
  const bytes = Buffer.from(data);
  return Buffer.concat([Buffer.from([type, bytes.length]), bytes]);
};
const EOS = Buffer.from([0]);

/** A macaroon in the libmacaroons v2 binary format, as PyPI issues them. */
function makeToken(location = 'pypi.org', caveats = 1): string {
  const parts = [Buffer.from([2]), field(1, location), field(2, randomUUID()), EOS];
  for (let i = 0; i < caveats; i++) parts.push(field(2, JSON.stringify({ version: 1, permissions: { projects: [`p${i}`] } })), EOS);
  parts.push(EOS, field(6, randomBytes(32)));
  return `pypi-${Buffer.concat(parts).toString('base64url')}`;
}

describe('pypi-macaroon', () => {
  it('accepts generated pypi.org and test.pypi.org tokens', () => {
    expect(makeToken().startsWith('pypi-AgEIcHlwaS5vcmc')).toBe(true);
    for (const caveats of [0, 1, 3]) expect(validate(makeToken('pypi.org', caveats))).toBe('structure-valid');
    expect(validate(makeToken('test.pypi.org'))).toBe('structure-valid');
  });

  it('rejects a token with one character changed in its framing, or truncated', () => {
    const token = makeToken();
    expect(validate(`${token.slice(0, 5)}B${token.slice(6)}`)).toBe('invalid');
    expect(validate(token.slice(0, -6))).toBe('invalid');
  });

  it('rejects a macaroon for another location', () => {
    expect(validate(makeToken('evil.example'))).toBe('invalid');
  });
});
