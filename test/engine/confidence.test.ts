import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { meetsConfidence, scanChunk } from '../../src/engine/index.js';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { compileJs, testRule } from '../helpers/rules.js';
import { githubToken, randomBase62 } from '../helpers/tokens.js';

const everyRule = compileJs(...loadRuleFiles().map(({ spec }) => spec));
const scan = (text: string, path = 'config/app.txt') => scanChunk({ text, origin: { path } }, everyRule);
const only = (text: string) => {
  const found = scan(text);
  expect(found, text.slice(0, 60)).toHaveLength(1);
  return found[0]!;
};
const googleKey = () => `AIza${randomBytes(40).toString('base64url').slice(0, 35)}`;
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('confidence of a finding', () => {
  it('is high for a checksum-valid token', () => {
    expect(only(`GITHUB_TOKEN=${githubToken()}`)).toMatchObject({
      ruleId: 'github-classic-pat',
      validation: 'checksum-valid',
      confidence: 'high',
    });
  });
  it('is high for a vendor rule whose secret carries the exact prefix, medium when only a keyword names it', () => {
    const exact = compileJs(testRule({ id: 'acme-api-token', keywords: ['acme_'], pattern: '(acme_[A-Za-z0-9]{24})', secretGroup: 1 }));
    const keyworded = compileJs(
      testRule({ id: 'acme-api-secret', keywords: ['acme'], pattern: 'ACME_SECRET=([A-Za-z0-9]{24})', secretGroup: 1 }),
    );
    const value = randomBase62(24);
    expect(scanChunk({ text: `t = acme_${value}`, origin: { path: 'a' } }, exact)[0]?.confidence).toBe('high');
    expect(scanChunk({ text: `ACME_SECRET=${value}`, origin: { path: 'a' } }, keyworded)[0]?.confidence).toBe('medium');
  });
  it('is medium for a generic keyword-and-entropy rule', () => {
    expect(only(`API_KEY=${randomBase62(28)}aB3`)).toMatchObject({ ruleId: 'generic-api-key', confidence: 'medium' });
  });
  it('is low for a proximity guess and medium for a vendor named in the setting', () => {
    expect(only(`[DEBUG] Using adzuna KEY=${randomBase62(26)}aB3`)).toMatchObject({ ruleId: 'generic-vendor-key', confidence: 'low' });
    expect(only(`coinapi_key: "${randomBase62(26)}aB3"`)).toMatchObject({ ruleId: 'generic-vendor-key', confidence: 'medium' });
  });
  it('is low for a Google key near Firebase words, outside a config object', () => {
    expect(only(`// firebase project key\nconst key = "${googleKey()}";`)).toMatchObject({ ruleId: 'gcp-api-key', confidence: 'low' });
    expect(only(`const key = "${googleKey()}";`)).toMatchObject({ ruleId: 'gcp-api-key', confidence: 'high' });
  });
  it('orders low < medium < high', () => {
    expect(meetsConfidence('medium', 'low')).toBe(true);
    expect(meetsConfidence('low', 'medium')).toBe(false);
    expect(meetsConfidence('high', 'high')).toBe(true);
  });
});

describe('noise removed', () => {
  it('does not report the key of a Firebase web config object (public by design), by any rule', () => {
    const config = `const firebaseConfig = {\n  apiKey: "${googleKey()}",\n  authDomain: "shop-demo.firebaseapp.com",\n  projectId: "shop-demo",\n};`;
    expect(scan(config, 'web/src/firebase.js')).toEqual([]);
  });
  it('does not report fake values made of runs or one repeated unit', () => {
    expect(scan('STRIPE_SECRET_KEY=sk_live_123456abcdef123456abcdef123456')).toEqual([]);
    expect(scan('coinapi_key: "ab12ab12ab12ab12ab12ab12"')).toEqual([]);
    expect(scan('STRIPE_SECRET_KEY=sk_live_a1B2c3D4a1B2c3D4a1B2c3D4a1B2c3D4')).toEqual([]);
  });
  it('does not report an unsigned JWT (alg none), but does a signed one', () => {
    const payload = b64url({ sub: 'user-42', role: 'admin', iat: 1767225600 });
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.${randomBytes(24).toString('base64url')}`;
    const signed = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${payload}.${randomBytes(32).toString('base64url')}`;
    expect(scan(`Authorization: Bearer ${unsigned}`)).toEqual([]);
    expect(scan(`Authorization: Bearer ${signed}`).map((f) => f.ruleId)).toContain('jwt-token');
  });
});
