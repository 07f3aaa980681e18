import { describe, expect, it } from 'vitest';
import { hasScheme, parseCredentialUrl, withPassword } from '../../src/rotate/credential-url.js';
import { passwordTarget } from '../../src/rotate/password-target.js';

describe('connection strings with a password', () => {
  it('takes a URL apart and puts another password in, keeping the rest byte for byte', () => {
    const value = 'postgresql://app:o%40ld%2Fpw@db.internal:6543/app_db?sslmode=require&application_name=x@y';
    const url = parseCredentialUrl(value)!;
    expect(url).toMatchObject({
      scheme: 'postgresql',
      user: 'app',
      password: 'o@ld/pw',
      host: 'db.internal',
      port: 6543,
      path: 'app_db',
      query: 'sslmode=require&application_name=x@y',
    });
    expect(withPassword(url, 'N3w')).toBe('postgresql://app:N3w@db.internal:6543/app_db?sslmode=require&application_name=x@y');
  });

  it('copes with a raw @ in the password, no user, no password, and IPv6 hosts', () => {
    expect(parseCredentialUrl('mysql://root:p@ss@127.0.0.1:3306/test')).toMatchObject({
      user: 'root',
      password: 'p@ss',
      host: '127.0.0.1',
    });
    expect(parseCredentialUrl('redis://:secretpw@[::1]:6379/0')).toMatchObject({
      user: '',
      password: 'secretpw',
      host: '::1',
      port: 6379,
      path: '0',
    });
    const noPassword = parseCredentialUrl('amqp://guest@localhost/')!;
    expect(noPassword.password).toBeUndefined();
    expect(withPassword(noPassword, 'pw')).toBe('amqp://guest:pw@localhost/');
    expect(parseCredentialUrl('not a url')).toBeUndefined();
    expect(parseCredentialUrl('https://example.com/path')).toBeUndefined();
  });

  it('recognises schemes', () => {
    expect(hasScheme('POSTGRES://a:b@c/d', ['postgres'])).toBe(true);
    expect(hasScheme('mysql://a:b@c/d', ['postgres'])).toBe(false);
    expect(hasScheme(undefined, ['postgres'])).toBe(false);
  });

  it('works out the account for a URL value, and for a bare password with option url', () => {
    const fromUrl = passwordTarget('postgres', 'DB', 'postgres://app:pw1@db:5432/app', {}, ['postgres']);
    expect(fromUrl).toMatchObject({ user: 'app', password: 'pw1', where: 'db:5432' });
    expect(fromUrl.valueWith('pw2')).toBe('postgres://app:pw2@db:5432/app');
    const bare = passwordTarget('postgres', 'DB_PASSWORD', 'pw1', { url: 'postgres://app@db:5432/app' }, ['postgres']);
    expect(bare.valueWith('pw2')).toBe('pw2');
    expect(bare.loginUrl('pw2')).toBe('postgres://app:pw2@db:5432/app');
    const elsewhere = passwordTarget('postgres', 'DB', 'postgres://app:pw1@db.docker:5432/app', { url: 'postgres://127.0.0.1:15432/app' }, [
      'postgres',
    ]);
    expect(elsewhere.loginUrl('pw1')).toBe('postgres://app:pw1@127.0.0.1:15432/app');
    expect(() => passwordTarget('postgres', 'DB', 'pw1', {}, ['postgres'])).toThrow(/not a postgres:\/\/ URL with a password/);
    expect(() => passwordTarget('postgres', 'DB', 'postgres://app@db/app', {}, ['postgres'])).toThrow(/with a password/);
  });
});
