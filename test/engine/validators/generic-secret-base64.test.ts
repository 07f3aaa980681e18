import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';
import { compileJs } from '../../helpers/rules.js';
import { loadRuleFiles } from '../../../src/config/builtin-rules.js';
import { scanChunk } from '../../../src/engine/index.js';

const generic = findValidator('generic-secret')!;
const b64 = (text: string) => Buffer.from(text).toString('base64');
/** The judgement on `value` as an `api_secret` setting in a YAML file. */
const asApiSecret = (value: string) => generic({ secret: value, match: `api_secret: "${value}"`, path: 'config.yml' });
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
    // Base64 of random bytes, fixed (a fresh value made this test fail when it began with `/`, once in 64 runs).
    const random = [
      'q3Jx9Zt0Lk2mWv8RbN4sYc6Hd1Pf7Ge5Ta0Ui9Oj3Xw=',
      '/An6GYP9VK155ZvH656IO/qQfsxqjho4WRqo3YQVAEk=',
      '/5rKD6qujLa/CvqpIUX+C/GFUpw3ORKI',
    ];
    expect(random.map(asApiSecret)).toEqual(['none', 'none', 'none']);
  });

  it('still takes a value starting at a folder for a path, not base64', () => {
    const paths = ['/run/secrets/DB_PASSWORD', '/etc/ssl/private/server.key', '/Users/JohnSmith42/keys/prod', '/srv/certs/Prod2024Key'];
    expect(paths.map(asApiSecret)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
  });

  it('decides by kind: a ConfigMap of settings is clean, the same Secret holding a token is found', () => {
    const configMap = `apiVersion: v1\nkind: ConfigMap\ndata:\n  token: ${b64('debug-mode')}\n  password_policy: ${b64('min:12')}\n`;
    expect(scan(configMap)).toEqual([]);
    const secret = `apiVersion: v1\nkind: Secret\ndata:\n  token: ${b64('Xk9mQ2vLp7Rt8Vn3Bw6Zc4Hd')}\n`;
    expect(scan(secret).map((f) => f.line)).toContain(4);
  });
});
