import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';
import { isSecretName, nameWords } from '../../../src/engine/validators/generic-secret.js';

const generic = findValidator('generic-secret')!;
const opaque = findValidator('opaque-token')!;
const check = (match: string, secret: string, path = 'config.yml') => generic({ secret, match, path });
/** A generated secret: base64url of random bytes plus a digit and a symbol. */
const random = (): string => `k${randomBytes(15).toString('base64url').replace(/[-_]/g, '')}7#`;

describe('generic-secret', () => {
  it('splits snake, camel, kebab and upper names into words', () => {
    expect(nameWords('DB_PASSWORD')).toEqual(['db', 'password']);
    expect(nameWords('dbPassword')).toEqual(['db', 'password']);
    expect(nameWords('X-Api-Key')).toEqual(['x', 'api', 'key']);
    expect(nameWords('APIKey')).toEqual(['api', 'key']);
  });

  it('knows secret names from names that only mention one', () => {
    for (const name of [
      'DB_PASSWORD',
      'dbPassword',
      'db-password',
      'client_secret',
      'apiKey',
      'SECRET_KEY_BASE',
      'auth_token',
      'MYSQL_PWD',
      'DB_PASS',
      'password2',
      'API_KEY_PROD',
    ])
      expect(isSecretName(name), name).toBe(true);
    for (const name of [
      'password_hash',
      'passwordDigest',
      'csrf_token',
      'nextPageToken',
      'public_key',
      'primary_key',
      'bypass',
      'token_type',
      'showPassword',
      'secretName',
    ])
      expect(isSecretName(name), name).toBe(false);
  });

  it('accepts a generated value in YAML, .env, JSON, code and XML', () => {
    const secret = random();
    expect(check(`password: ${secret}`, secret)).toBe('none');
    expect(check(`DB_PASSWORD=${secret}`, secret, '.env')).toBe('none');
    expect(check(`apiKey": "${secret}"`, secret, 'config.json')).toBe('none');
    expect(check(`token = "${secret}"`, secret, 'app.py')).toBe('none');
    expect(check(`<password>${secret}</password>`, secret, 'settings.xml')).toBe('none');
  });

  it('rejects the same value once one character makes it a reference, a path or code', () => {
    const secret = random();
    expect(check(`password: $${secret}`, `$${secret}`)).toBe('invalid');
    expect(check(`password: /${secret}`, `/${secret}`)).toBe('invalid');
    expect(check(`token = ${secret}`, secret, 'app.py')).toBe('invalid');
    expect(check(`password>${secret}`, secret)).toBe('invalid');
  });

  it('rejects digests, UUIDs, hashes, numbers, words, identifiers and placeholders', () => {
    const values = [
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      randomBytes(8).toString('hex'),
      'b3f6a2c4-8d1e-4f7a-9c2b-5e8d7a6f1b3c',
      '$2b$12$DzqqCk/HiUInRh4Mb.KEnZoDYDNG3OoFq8rOi9FRXH/tunyEI57/r',
      'sha512-9Kq3TzVd8zYH1gR3v7UoZp0w3J8sV1m0eJ8zKk2cQ0yFhZ0nqRr9dZ',
      '1234567890123',
      'required',
      'userPassword',
      'self.password',
      'getPassword()',
      'Summer2023!',
      '${DB_PASSWORD}',
      'ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)',
      'https://vault.corp.internal/v1/secret/db',
    ];
    for (const value of values) expect(check(`password: "${value}"`, value), value).toBe('invalid');
  });

  it('accepts hex of digest lengths when the name says it is a key or secret (openssl rand -hex)', () => {
    const key = `0x${randomBytes(32).toString('hex')}`;
    expect(check(`PRIVATE_KEY=${key}`, key, '.env')).toBe('none');
    const secret = randomBytes(20).toString('hex');
    expect(check(`SESSION_SECRET=${secret}`, secret, '.env')).toBe('none');
    expect(check('SESSION_SECRET=da39a3ee5e6b4b0d3255bfef95601890afd80709', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', '.env')).toBe(
      'invalid',
    );
  });
});

describe('opaque-token', () => {
  it('accepts a generated token and rejects references and JWTs (left to the jwt rule)', () => {
    const token = randomBytes(30).toString('base64url');
    expect(opaque({ secret: token, match: `Bearer ${token}`, path: 'x' })).toBe('none');
    expect(opaque({ secret: 'this.session.accessToken', match: 'Bearer this.session.accessToken', path: 'x' })).toBe('invalid');
    expect(opaque({ secret: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl', match: '', path: 'x' })).toBe('invalid');
  });
});
