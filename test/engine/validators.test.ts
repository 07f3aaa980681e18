import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { crc32, toBase62 } from '../../src/engine/index.js';
import { githubTokenChecksum, npmTokenChecksum } from '../../src/engine/validators/checksum-tokens.js';
import { parsesAsPrivateKey } from '../../src/engine/validators/pem-private-key.js';
import { decodesAsJwt } from '../../src/engine/validators/jwt.js';
import { breakChecksum, checksumToken } from '../helpers/tokens.js';

describe('crc32', () => {
  it('matches the IEEE check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });
  it('writes base62 left-padded', () => {
    expect(toBase62(0, 6)).toBe('000000');
    expect(toBase62(61, 2)).toBe('0z');
    expect(toBase62(62, 2)).toBe('10');
  });
});

describe('githubTokenChecksum', () => {
  it.each(['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'])('accepts generated %s tokens and rejects a changed character', (prefix) => {
    for (let i = 0; i < 50; i++) {
      const token = checksumToken(prefix);
      expect(githubTokenChecksum(token)).toBe(true);
      expect(githubTokenChecksum(breakChecksum(token))).toBe(false);
    }
  });
  it('rejects other prefixes and lengths', () => {
    const token = checksumToken('ghp_');
    expect(githubTokenChecksum(`ghx_${token.slice(4)}`)).toBe(false);
    expect(githubTokenChecksum(token.slice(0, -1))).toBe(false);
  });
});

describe('npmTokenChecksum', () => {
  it('accepts generated npm_ tokens and rejects a changed character', () => {
    for (let i = 0; i < 50; i++) {
      const token = checksumToken('npm_');
      expect(npmTokenChecksum(token)).toBe(true);
      expect(npmTokenChecksum(breakChecksum(token))).toBe(false);
    }
  });
});

describe('parsesAsPrivateKey', () => {
  it('parses generated RSA (PKCS#1, PKCS#8), EC and Ed25519 keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(parsesAsPrivateKey(rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string)).toBe(true);
    expect(parsesAsPrivateKey(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)).toBe(true);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(parsesAsPrivateKey(ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string)).toBe(true);
    const ed = generateKeyPairSync('ed25519');
    expect(parsesAsPrivateKey((ed.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).replace(/\n/g, '\r\n'))).toBe(true);
  });
  it('rejects a truncated key and a public key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const lines = pem.split('\n');
    expect(parsesAsPrivateKey([...lines.slice(0, 4), ...lines.slice(-2)].join('\n'))).toBe(false);
    expect(parsesAsPrivateKey(rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string)).toBe(false);
  });
});

describe('decodesAsJwt', () => {
  const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it('accepts a token whose header has alg and whose payload is JSON', () => {
    expect(decodesAsJwt(`${segment({ alg: 'HS256', typ: 'JWT' })}.${segment({ sub: 'u1' })}.c2lnbmF0dXJl`)).toBe(true);
  });
  it('rejects a header without alg, non-JSON segments and wrong segment counts', () => {
    expect(decodesAsJwt(`${segment({ typ: 'JWT' })}.${segment({ sub: 'u1' })}.c2ln`)).toBe(false);
    expect(decodesAsJwt(`bm90IGpzb24.${segment({ sub: 'u1' })}.c2ln`)).toBe(false);
    expect(decodesAsJwt(`${segment({ alg: 'none' })}.${segment({})}`)).toBe(false);
  });
});
