import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseOrderedJson, stringifyOrderedJson } from '../../src/store/ordered-json.js';
import { decryptTree, encryptTree } from '../../src/store/sops-codec.js';
import { macAad, parseMetadata } from '../../src/store/sops-metadata.js';
import { shouldEncrypt, type SopsBranch } from '../../src/store/sops-tree.js';
import { decryptValue, encryptValue, formatGoFloat, macBytes, ValueCipherError } from '../../src/store/sops-value-cipher.js';
import { randomValue } from './helpers.js';

/** The SOPS building blocks: value cipher, MAC bytes, encryption rules, ordered JSON. */

describe('value cipher', () => {
  const key = randomBytes(32);

  it('round-trips each SOPS type with the key path as additional data', () => {
    for (const value of [randomValue(), 42, -7, 1.5, true, false]) {
      const enc = encryptValue(value, key, 'a:b:');
      expect(enc).toMatch(/^ENC\[AES256_GCM,data:.*,iv:.{44},tag:.{24},type:(str|int|float|bool)\]$/);
      expect(decryptValue(enc, key, 'a:b:')).toBe(value);
    }
  });

  it('leaves the empty string unencrypted, as sops does', () => {
    expect(encryptValue('', key, 'a:')).toBe('');
    expect(decryptValue('', key, 'a:')).toBe('');
  });

  it('rejects a value moved to another key path, a wrong key and a malformed string', () => {
    const enc = encryptValue(randomValue(), key, 'A:');
    expect(() => decryptValue(enc, key, 'B:')).toThrow(ValueCipherError);
    expect(() => decryptValue(enc, randomBytes(32), 'A:')).toThrow(ValueCipherError);
    expect(() => decryptValue('ENC[AES256_GCM,data:xx]', key, 'A:')).toThrow(ValueCipherError);
  });

  it('feeds the MAC what Go would print', () => {
    expect(macBytes(true).toString()).toBe('True');
    expect(macBytes(3).toString()).toBe('3');
    expect([1e21, 1e-7, 1.5, 1.23e-5, -2.5e22, 0.1].map(formatGoFloat)).toEqual([
      '1000000000000000000000',
      '0.0000001',
      '1.5',
      '0.0000123',
      '-25000000000000000000000',
      '0.1',
    ]);
  });
});

describe('encryption rules', () => {
  it('follows the default _unencrypted suffix and the regex rules on any path component', () => {
    expect(shouldEncrypt(['TOKEN'], {})).toBe(true);
    expect(shouldEncrypt(['TOKEN.meta_unencrypted'], {})).toBe(false);
    expect(shouldEncrypt(['a_unencrypted', 'b'], {})).toBe(false);
    expect(shouldEncrypt(['stringData', 'key'], { encryptedRegex: '^(data|stringData)$' })).toBe(true);
    expect(shouldEncrypt(['metadata', 'name'], { encryptedRegex: '^(data|stringData)$' })).toBe(false);
    expect(shouldEncrypt(['x_unencrypted'], { encryptedRegex: '^x' })).toBe(true);
    expect(shouldEncrypt(['public'], { unencryptedRegex: '^pub' })).toBe(false);
    expect(shouldEncrypt(['pw_enc'], { encryptedSuffix: '_enc' })).toBe(true);
    expect(shouldEncrypt(['pw'], { encryptedSuffix: '_enc' })).toBe(false);
  });

  it("runs a store file's regex rules on a linear-time engine and rejects a pattern RE2 cannot compile", () => {
    const hostile = `${'a'.repeat(40)}!`;
    const started = performance.now();
    expect(shouldEncrypt([hostile], { encryptedRegex: '(a+)+$' })).toBe(false);
    expect(shouldEncrypt([hostile], { unencryptedRegex: '^(a|aa)+$' })).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
    const metadata = { age: [], lastmodified: '2026-01-01T00:00:00Z', mac: 'x', version: '3.9.0' };
    expect(() => parseMetadata({ ...metadata, encrypted_regex: '(' })).toThrow(/encrypted_regex: not a valid RE2 pattern/);
    expect(parseMetadata({ ...metadata, unencrypted_regex: '^pub' }).rules.unencryptedRegex).toBe('^pub');
  });

  it('normalises lastmodified as Go formats RFC 3339', () => {
    expect(macAad('2024-11-12T13:33:42Z')).toBe('2024-11-12T13:33:42Z');
    expect(macAad('2024-11-12T13:33:42.123Z')).toBe('2024-11-12T13:33:42Z');
    expect(macAad('2024-11-12T13:33:42+00:00')).toBe('2024-11-12T13:33:42Z');
    expect(macAad('2024-11-12T15:33:42+02:00')).toBe('2024-11-12T15:33:42+02:00');
  });
});

describe('tree codec', () => {
  it('encrypts nested trees, lists and clear values, and detects a reordering through the MAC', () => {
    const key = randomBytes(32);
    const plain: SopsBranch = new Map<string, never>(
      Object.entries({ b: randomValue(), a: new Map([['list', [randomValue(), 2, false, null]]]), c_unencrypted: 'clear' }) as never,
    );
    const { data, mac } = encryptTree(plain, {}, key, '2025-01-01T00:00:00Z');
    expect(data.get('c_unencrypted')).toBe('clear');
    expect(decryptTree(data, {}, key, mac, '2025-01-01T00:00:00Z').plain).toEqual(plain);
    const reordered: SopsBranch = new Map([...data].reverse());
    expect(() => decryptTree(reordered, {}, key, mac, '2025-01-01T00:00:00Z')).toThrow(/MAC mismatch/);
    expect(() => decryptTree(data, {}, key, mac, '2025-01-01T00:00:01Z')).toThrow(/MAC mismatch/);
  });
});

describe('ordered JSON', () => {
  it('keeps key order, integer-like keys included, and round-trips with tabs', () => {
    const text = '{\n\t"b": 1,\n\t"10": "x",\n\t"a": {\n\t\t"2": [\n\t\t\ttrue,\n\t\t\tnull\n\t\t]\n\t}\n}\n';
    const parsed = parseOrderedJson(text) as SopsBranch;
    expect([...parsed.keys()]).toEqual(['b', '10', 'a']);
    expect(stringifyOrderedJson(parsed)).toBe(text);
  });

  it('rejects malformed documents and duplicate keys', () => {
    for (const bad of ['{', '{"a":1,}', '{"a":1}{', '{"a":1,"a":2}', '{"a":tru}', '{"a":"\u0001"}'])
      expect(() => parseOrderedJson(bad)).toThrow();
  });
});
