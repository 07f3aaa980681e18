import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';
import { compileJs } from '../../helpers/rules.js';
import { loadRuleFiles } from '../../../src/config/builtin-rules.js';
import { scanChunk } from '../../../src/engine/index.js';

const generic = findValidator('generic-secret')!;
const b64 = (text: string) => Buffer.from(text).toString('base64');
const everyRule = compileJs(...loadRuleFiles().map(({ spec }) => spec));
const scan = (text: string) => scanChunk({ text, origin: { path: 'k8s/app.yaml' } }, everyRule);

describe('generic-secret: padded base64 values are judged by what they decode to', () => {
  it('rejects base64 of a word or setting (a ConfigMap entry)', () => {
    expect(generic({ secret: b64('debug-mode'), match: `token: ${b64('debug-mode')}`, path: 'k8s/cm.yaml' })).toBe('invalid');
    expect(generic({ secret: b64('read-only-replica'), match: `api_secret: ${b64('read-only-replica')}`, path: 'k8s/cm.yaml' })).toBe(
      'invalid',
    );
  });

  it('keeps base64 of a random secret, and base64 of random bytes', () => {
    const inner = 'Xk9mQ2vLp7Rt8Vn3Bw6Zc4Hd';
    expect(generic({ secret: b64(inner), match: `token: ${b64(inner)}`, path: 'k8s/cm.yaml' })).toBe('none');
    const bytes = randomBytes(32).toString('base64');
    expect(bytes.endsWith('=')).toBe(true);
    expect(generic({ secret: bytes, match: `api_secret: "${bytes}"`, path: 'config.yml' })).toBe('none');
  });

  it('decides by kind: a ConfigMap of settings is clean, the same Secret holding a token is found', () => {
    const configMap = `apiVersion: v1\nkind: ConfigMap\ndata:\n  token: ${b64('debug-mode')}\n  password_policy: ${b64('min:12')}\n`;
    expect(scan(configMap)).toEqual([]);
    const secret = `apiVersion: v1\nkind: Secret\ndata:\n  token: ${b64('Xk9mQ2vLp7Rt8Vn3Bw6Zc4Hd')}\n`;
    expect(scan(secret).map((f) => f.line)).toContain(4);
  });
});
