import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';

const validate = (secret: string) => findValidator('supabase-service-role-jwt')!({ secret, match: secret, path: 'x' });
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function makeJwt(role: string, iss = 'supabase'): string {
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss, ref: randomBytes(10).toString('hex'), role, iat: 1700000000, exp: 2000000000 })}`;
  return `${unsigned}.${createHmac('sha256', randomBytes(32)).update(unsigned).digest('base64url')}`;
}

describe('supabase-service-role-jwt', () => {
  it('accepts a service_role key', () => {
    expect(validate(makeJwt('service_role'))).toBe('structure-valid');
  });

  it('rejects the public anon key, the local demo key and a corrupted payload', () => {
    expect(validate(makeJwt('anon'))).toBe('invalid');
    expect(validate(makeJwt('service_role', 'supabase-demo'))).toBe('invalid');
    const jwt = makeJwt('service_role');
    const dot = jwt.indexOf('.') + 1;
    expect(validate(jwt.slice(0, dot) + '!' + jwt.slice(dot + 1))).toBe('invalid');
  });
});
