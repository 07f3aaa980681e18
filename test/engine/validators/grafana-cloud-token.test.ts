import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';

const validate = (secret: string) => findValidator('grafana-cloud-token')!({ secret, match: secret, path: 'x' });
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
const makeToken = () =>
  `glc_${encode({ o: String(100000 + randomBytes(2).readUInt16BE()), n: 'stack-1-write', k: randomBytes(18).toString('base64url'), m: { r: 'prod-us-east-0' } })}`;

describe('grafana-cloud-token', () => {
  it('accepts a token whose payload carries an org id and a key', () => {
    expect(validate(makeToken())).toBe('structure-valid');
    expect(validate(makeToken().replace(/=+$/, ''))).toBe('structure-valid');
  });

  it('rejects a payload that is not the documented JSON', () => {
    expect(validate(`glc_${encode({ o: '1' })}`)).toBe('invalid');
    expect(validate(`glc_${randomBytes(40).toString('base64')}`)).toBe('invalid');
    const token = makeToken();
    expect(validate(token.slice(0, 6) + (token[6] === 'A' ? 'B' : 'A') + token.slice(7))).toBe('invalid');
  });
});
