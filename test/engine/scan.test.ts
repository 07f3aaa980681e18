import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { scanChunk, type CompiledRuleSet } from '../../src/engine/index.js';
import { breakChecksum, githubToken, randomBase62 } from '../helpers/tokens.js';
import { builtinRule, compileJs, testRule } from '../helpers/rules.js';

const github = compileJs(builtinRule('github-classic-pat'));
const scan = (text: string, ruleSet: CompiledRuleSet = github, path = 'f.txt') => scanChunk({ text, origin: { path } }, ruleSet);

describe('positions', () => {
  it('are 1-based with an exclusive end column', () => {
    const token = githubToken();
    const [f] = scan(`a\nTOKEN=${token}\n`);
    expect(f).toMatchObject({ line: 2, column: 7, endLine: 2, endColumn: 7 + token.length });
  });
  it('stay exact after CRLF line ends, tabs and astral characters (UTF-16 code units)', () => {
    const token = githubToken();
    const text = `one\r\ntwo\r\n\t😀😀 x = "${token}"\r\n`;
    const [f] = scan(text);
    expect(f?.line).toBe(3);
    expect(f?.column).toBe(12); // tab 1 + two astral chars 2×2 + ' x = "' 6, then 1-based
    expect(f?.endColumn).toBe(f!.column + token.length);
  });
  it('renumber lines of a chunk of added lines', () => {
    const token = githubToken();
    const [f] = scanChunk({ text: `a\nt=${token}\n`, origin: { path: 'x', lineNumbers: [10, 42] } }, github);
    expect(f?.line).toBe(42);
  });
});

describe('validators and filters', () => {
  it('does not report a GitHub token whose checksum fails', () => {
    expect(scan(`t=${breakChecksum(githubToken())}`)).toEqual([]);
  });
  it('reports validation on each finding', () => {
    expect(scan(`t=${githubToken()}`)[0]?.validation).toBe('checksum-valid');
  });
  it('applies the entropy minimum, allow patterns and stopwords', () => {
    const rule = testRule({
      id: 'test-key',
      keywords: ['key='],
      pattern: 'key=([A-Za-z0-9]{16,32})',
      secretGroup: 1,
      entropy: 3.5,
      allow: ['^safe'],
      stopwords: ['notreal'],
    });
    const set = compileJs(rule);
    expect(scan(`key=${randomBase62(24)}`, set)).toHaveLength(1);
    expect(scan('key=abababababababab', set)).toEqual([]);
    expect(scan(`key=safe${randomBase62(20)}`, set)).toEqual([]);
    expect(scan(`key=Q9notrealZk3Xw2Lp7`, set)).toEqual([]);
  });
  it.each([
    'xxxxxxxxxxxxxxxxxxxxxxxx',
    'AKIAIOSFODNN7EXAMPLE0000',
    '<your-api-key-goes-here>',
    '${SECRET_FROM_ENV_VAR}',
    '{{ .Values.secretKey }}',
    'process.env.SECRET_KEY',
    'os.environ["SECRET"]',
    'aaaaaaaaaaaaaaaaaaaaaaaa',
    'abcdefghijklmnopqrstuvwx',
    '123456789012345678901234',
  ])('drops the placeholder %s', (value) => {
    const rule = testRule({ id: 'test-any', keywords: ['secret:'], pattern: 'secret: (.{8,40})$', flags: 'm', secretGroup: 1 });
    expect(scan(`secret: ${value}`, compileJs(rule))).toEqual([]);
  });
});

describe('keyword prefilter', () => {
  it('runs no rule regex on a chunk without any keyword', () => {
    const set = compileJs(testRule({ id: 'test-kw', keywords: ['zzkey'], pattern: '[A-Z]{3}' }));
    let calls = 0;
    const rule = set.rules[0]!;
    const original = rule.matcher;
    rule.matcher = {
      matches: (text) => {
        calls += 1;
        return original.matches(text);
      },
    };
    expect(scan('ABC DEF no keyword here', set)).toEqual([]);
    expect(calls).toBe(0);
    scan('ABC zzKEY', set);
    expect(calls).toBe(1);
  });
  it('finds overlapping keywords of different rules', () => {
    const a = testRule({ id: 'test-a', keywords: ['abcd'], pattern: 'abcd' });
    const b = testRule({ id: 'test-b', keywords: ['cdef'], pattern: 'cdef' });
    const c = testRule({ id: 'test-c', keywords: ['bc'], pattern: 'bc' });
    const set = compileJs(a, b, c);
    expect(set.prefilter.candidates('xabcdefx')).toEqual([0, 1, 2]);
  });
});

describe('decoders', () => {
  it('finds a secret inside a base64 value and points at the encoded text', () => {
    const token = githubToken();
    const encoded = Buffer.from(`GITHUB_TOKEN=${token}`).toString('base64');
    const text = `apiVersion: v1\nkind: Secret\ndata:\n  env: ${encoded}\n`;
    const [f] = scan(text);
    expect(f).toMatchObject({ ruleId: 'github-classic-pat', decodedFrom: 'base64', line: 4, column: 8, endColumn: 8 + encoded.length });
    expect(f?.secret).toBe(token);
  });
  it('finds a secret in percent-encoded text', () => {
    const token = githubToken();
    const text = `url=https://x.test/cb?t=%22${token}%22&x=1`;
    const found = scan(text);
    expect(found.map((f) => f.secret)).toContain(token);
  });
  it('finds a PEM private key inside a JSON string', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const rule = testRule({
      id: 'test-pem',
      keywords: ['-----begin'],
      pattern: '-----BEGIN RSA PRIVATE KEY-----[\\s\\S]{64,4000}?-----END RSA PRIVATE KEY-----',
      validator: 'pem-private-key',
    });
    const json = JSON.stringify({ type: 'service', private_key: pem });
    const found = scan(`{"config": ${json}}`, compileJs(rule));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ decodedFrom: 'json-escape', line: 1 });
  });
  it('stops at the depth limit', () => {
    const token = githubToken();
    const twice = Buffer.from(Buffer.from(`t=${token}`).toString('base64')).toString('base64');
    expect(scanChunk({ text: `v: ${twice}`, origin: { path: 'x' } }, github, { maxDecodeDepth: 2 })).toHaveLength(1);
    expect(scanChunk({ text: `v: ${twice}`, origin: { path: 'x' } }, github, { maxDecodeDepth: 1 })).toHaveLength(0);
  });
});

describe('generic rules', () => {
  it('yield to a specific rule on the same span', () => {
    const token = githubToken();
    const generic = testRule({ id: 'test-generic', keywords: ['token'], pattern: 'token=(\\S{20,80})', secretGroup: 1, tags: ['generic'] });
    const found = scan(`token=${token}`, compileJs(builtinRule('github-classic-pat'), generic));
    expect(found.map((f) => f.ruleId)).toEqual(['github-classic-pat']);
  });
  it('stay quiet on a span whose specific rule rejected it (a bad checksum is a fake token)', () => {
    const generic = testRule({ id: 'test-generic', keywords: ['token'], pattern: 'token=(\\S{20,80})', secretGroup: 1, tags: ['generic'] });
    const set = compileJs(builtinRule('github-classic-pat'), generic);
    expect(scan(`token=${breakChecksum(githubToken())}`, set)).toEqual([]);
    expect(scan(`token=${randomBase62(40)}`, set).map((f) => f.ruleId)).toEqual(['test-generic']);
  });
});

describe('generic rules at other locations of a value a specific rule reports', () => {
  const specific = testRule({ id: 'test-acme', keywords: ['acme_key'], pattern: 'acme_key: (\\S{20,80})', secretGroup: 1 });
  const generic = testRule({
    id: 'test-generic',
    keywords: ['password'],
    pattern: 'password=(\\S{20,80})',
    secretGroup: 1,
    tags: ['generic'],
  });
  const set = compileJs(specific, generic);

  it('report every location of the secret, not only those the specific rule matched', () => {
    const value = randomBase62(32);
    const found = scan(`acme_key: ${value}\nother line\npassword=${value}\n`, set);
    expect(found.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['test-acme:1', 'test-generic:3']);
    expect(found.every((f) => f.secret === value)).toBe(true);
  });
  it('still yield where the specific rule matched the same location', () => {
    const value = randomBase62(32);
    const both = compileJs(
      specific,
      testRule({ id: 'test-generic', keywords: ['acme_key'], pattern: 'acme_key: (\\S{20,80})', secretGroup: 1, tags: ['generic'] }),
    );
    expect(scan(`acme_key: ${value}\n`, both).map((f) => f.ruleId)).toEqual(['test-acme']);
  });
  it('report a built-in generic finding of an AWS secret key pasted as a password elsewhere', () => {
    const value = randomBase62(40);
    const builtin = compileJs(builtinRule('aws-secret-access-key'), builtinRule('generic-password'));
    const found = scan(`aws_secret_access_key = ${value}\n\nDB_PASSWORD=${value}\n`, builtin, '.env');
    expect(found.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['aws-secret-access-key:1', 'generic-password:3']);
  });
});
