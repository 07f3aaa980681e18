import { describe, expect, it } from 'vitest';
import { findValidator } from '../../src/engine/validators/index.js';
import { expandExample, exampleTokenGenerators } from './example-tokens.js';

const validates = (validator: string, secret: string) => findValidator(validator)!({ secret, match: secret, path: 'example.txt' });

describe('example token generators', () => {
  const cases: [string, string][] = [
    ['{{generate:crc32-base62:ghp_}}', 'github-token-checksum'],
    ['{{generate:crc32-base62:ghr_}}', 'github-token-checksum'],
    ['{{generate:crc32-base62:npm_}}', 'npm-token-checksum'],
    ['{{generate:atlassian:ATATT3xFfGF0}}', 'atlassian-token-checksum'],
    ['{{generate:atlassian:ATCTT3xFfGN0}}', 'atlassian-token-checksum'],
    ['{{generate:atlassian:ATBB}}', 'atlassian-token-checksum'],
    ['{{generate:cloudflare:cfut_}}', 'cloudflare-token-checksum'],
    ['{{generate:cloudflare:cfk_}}', 'cloudflare-token-checksum'],
    ['{{generate:gitlab-routable:glpat-}}', 'gitlab-routable-token'],
    ['{{generate:gitlab-routable:glrt-t1_}}', 'gitlab-routable-token'],
    ['{{generate:gitlab-routable-unversioned:glpat-}}', 'gitlab-routable-token'],
    ['{{generate:grafana-service-account}}', 'grafana-service-account-checksum'],
    ['{{generate:azure-devops-pat}}', 'azure-devops-pat-checksum'],
    ['{{generate:age-secret-key}}', 'age-secret-key-bech32'],
    ['{{generate:age-secret-key|lower}}', 'age-secret-key-bech32'],
  ];

  it.each(cases)('%s makes fresh tokens that %s accepts', (reference, validator) => {
    const tokens = Array.from({ length: 200 }, () => expandExample(reference));
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(validates(validator, token), token).toBe('checksum-valid');
  });

  it('covers every generator', () => {
    const named = new Set(cases.map(([reference]) => /generate:([a-z0-9-]+)/.exec(reference)![1]));
    expect([...named].sort()).toEqual(Object.keys(exampleTokenGenerators).sort());
  });

  it('makes a mixed-case age key that is not valid Bech32', () => {
    const token = expandExample('{{generate:age-secret-key|mixed-case}}');
    expect(token).toMatch(/^age-secret-key-1[a-z0-9]+[A-Z0-9]+$/);
    expect(validates('age-secret-key-bech32', token)).toBe('invalid');
  });

  it('expands each reference in place and leaves the rest of the text', () => {
    const text = expandExample('a={{generate:crc32-base62:ghp_}} b={{generate:crc32-base62:npm_}}X');
    expect(text).toMatch(/^a=ghp_[A-Za-z0-9]{36} b=npm_[A-Za-z0-9]{36}X$/);
  });

  it('fails on an unknown generator or transform instead of leaving the reference', () => {
    expect(() => expandExample('{{generate:github}}')).toThrow(/unknown example token generator "github"/);
    expect(() => expandExample('{{generate:age-secret-key|upper}}')).toThrow(/unknown example token transform "upper"/);
  });
});
