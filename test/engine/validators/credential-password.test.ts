import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';

const validate = (secret: string, match: string) => findValidator('credential-password')!({ secret, match, path: '.env' });
const random = (): string => randomBytes(12).toString('base64url');

describe('credential-password', () => {
  it('accepts generated passwords in URLs, key/value strings, netrc and curl', () => {
    const password = random();
    expect(validate(password, `postgres://app:${password}@db.prod.internal:5432/app`)).toBe('none');
    expect(validate(password, `Server=sql01;User ID=app;Password=${password}`)).toBe('none');
    expect(validate(password, `machine git.corp.internal login ci password ${password}`)).toBe('none');
    expect(validate(password, `curl -u ci:${password}`)).toBe('none');
    expect(validate(password, `redis://:${password}@localhost:6379`)).toBe('none');
  });

  it('rejects documented defaults, the user name repeated and placeholders', () => {
    expect(validate('password', 'postgres://user:password@db.internal/app')).toBe('invalid');
    expect(validate('guest', 'amqp://guest:guest@rabbit.internal')).toBe('invalid');
    expect(validate('Deploy', 'https://deploy:Deploy@git.internal')).toBe('invalid');
    expect(validate('admin123', 'mysql://root:admin123@db.internal')).toBe('invalid');
    expect(validate('{password}', 'Server=db;Password={password}')).toBe('invalid');
    expect(validate('<your-password>', 'mysql://root:<your-password>@db.internal')).toBe('invalid');
    expect(validate('__DB_PASS__', 'mysql://root:__DB_PASS__@db.internal')).toBe('invalid');
  });

  it('rejects weak values on local hosts and any value on example hosts', () => {
    expect(validate('devpass', 'postgres://app:devpass@localhost/app')).toBe('invalid');
    expect(validate('123456789', 'postgres://app:123456789@db:5432/app')).toBe('invalid');
    expect(validate(random(), 'https://me:x@example.com')).toBe('invalid');
  });

  it('accepts random letters-only passwords on a local host and a mixed-case xXx inside a random password', () => {
    for (const password of ['ZMfvkKbcbDNXwBLn', 'tlaVAfYPfRMCpdjW', 'NbQGbflErGrPenth']) {
      expect(validate(password, `mysql://unleak_cs:${password}@127.0.0.1:3306/`), password).toBe('none');
    }
    expect(validate('AHxxXBoWN7Iag3ps', 'postgres://app:AHxxXBoWN7Iag3ps@db.prod.internal/app')).toBe('none');
  });

  it('still rejects short or single-case letters-only passwords on a local host, and x masks', () => {
    for (const password of ['MyLocalDb', 'localdevpassphrase', 'LOCALDEVSECRETPW']) {
      expect(validate(password, `mysql://app:${password}@127.0.0.1:3306/`), password).toBe('invalid');
    }
    expect(validate('xxxxxxxx', 'postgres://app:xxxxxxxx@db.prod.internal/app')).toBe('invalid');
    expect(validate('abcXXX123', 'postgres://app:abcXXX123@db.prod.internal/app')).toBe('invalid');
  });
});
