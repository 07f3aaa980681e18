import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadRuleFiles } from '../../../src/config/builtin-rules.js';
import { compileRules, scanChunk } from '../../../src/engine/index.js';

const ruleSet = compileRules(loadRuleFiles().map(({ spec }) => ({ spec, engine: 'js' as const })));
const jwkFindings = (text: string) =>
  scanChunk({ text, origin: { path: 'keys/signing.json' } }, ruleSet).filter((f) => f.ruleId === 'jwk-private-key');

const privateJwk = (type: 'rsa' | 'ec' | 'ed25519') => {
  const pair =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : type === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-384' })
        : generateKeyPairSync('ed25519');
  return pair.privateKey.export({ format: 'jwk' }) as Record<string, string>;
};
/** Replaces the first character of a base64url member, keeping its length. */
const tamper = (value: string) => `${value[0] === 'A' ? 'B' : 'A'}${value.slice(1)}`;

describe('jwk-private-key', () => {
  it.each(['rsa', 'ec', 'ed25519'] as const)('reports a generated private %s JWK once, pretty-printed or in a JWKS', (type) => {
    const jwk = privateJwk(type);
    expect(jwkFindings(JSON.stringify({ ...jwk, kid: 'k1' }, null, 2))).toHaveLength(1);
    const found = jwkFindings(JSON.stringify({ keys: [{ ...jwk, use: 'sig' }] }));
    expect(found.map((f) => f.secret)).toEqual([jwk.d]);
  });

  it('stays quiet on the public half (n/e, x/y) of the same keys', () => {
    for (const type of ['rsa', 'ec', 'ed25519'] as const) {
      const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk(type);
      expect(jwkFindings(JSON.stringify({ keys: [publicJwk] }, null, 2))).toEqual([]);
    }
  });

  it('rejects a d that does not belong to the public key (made up or corrupted)', () => {
    const ec = privateJwk('ec');
    expect(jwkFindings(JSON.stringify({ ...ec, d: tamper(ec.d as string) }))).toEqual([]);
    const okp = privateJwk('ed25519');
    expect(jwkFindings(JSON.stringify({ ...okp, d: tamper(okp.d as string) }))).toEqual([]);
    const rsa = privateJwk('rsa');
    expect(jwkFindings(JSON.stringify({ ...rsa, p: tamper(rsa.p as string) }))).toEqual([]);
  });
});
