import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { builtinProviders, loadProviderRegistry } from '../../src/rotate/registry.js';
import { parseRotationSettings } from '../../src/rotate/rotation-config.js';
import { readAwsKey } from '../../src/rotate/providers/aws-credentials.js';
import { githubToken, randomBase62 } from '../helpers/tokens.js';

const dir = mkdtempSync(join(tmpdir(), 'unleak-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const registry = (config: Record<string, unknown> = {}) => loadProviderRegistry(parseRotationSettings(config, '.unleak.yaml'), dir);

describe('built-in providers', () => {
  it('are registered by id, each with a doc link, a title and an options schema', () => {
    expect(Object.keys(builtinProviders)).toEqual([
      'postgres',
      'mysql',
      'redis',
      'rabbitmq',
      'command',
      'webhook',
      'github',
      'aws-iam',
      'stripe',
      'slack',
      'npm',
    ]);
    for (const [id, provider] of Object.entries(builtinProviders)) {
      expect(provider.id).toBe(id);
      expect(provider.docs).toMatch(/^(https:\/\/|docs\/rotate\.md)/);
      expect(provider.title.length).toBeGreaterThan(5);
      expect(provider.options.safeParse({}).success).toBe(true);
      expect(provider.options.safeParse({ surelyNotAnOption: 1 }).success).toBe(false);
    }
  });

  it('are detected from the shape of the value', async () => {
    const r = await registry();
    const detect = (value: string): string | undefined => {
      const found = r.resolve({ name: 'X', value });
      return 'provider' in found ? found.provider.id : undefined;
    };
    const pw = randomBase62(12);
    const awsId = `AKIA${randomBase62(16).toUpperCase()}`;
    expect(detect(`postgres://app:${pw}@db/app`)).toBe('postgres');
    expect(detect(`mysql://app:${pw}@db/app`)).toBe('mysql');
    expect(detect(`rediss://:${pw}@cache:6380`)).toBe('redis');
    expect(detect(`amqps://app:${pw}@mq/vhost`)).toBe('rabbitmq');
    expect(detect(githubToken())).toBe('github');
    expect(detect(`${awsId}:${randomBase62(40)}`)).toBe('aws-iam');
    expect(detect(`sk_live_${randomBase62(24)}`)).toBe('stripe');
    expect(detect(`xoxb-${randomBase62(10)}-${randomBase62(10)}`)).toBe('slack');
    expect(detect(`npm_${randomBase62(36)}`)).toBe('npm');
    expect(detect(randomBase62(30))).toBeUndefined();
  });

  it('resolve: config first, then the store metadata (aliases too), then detection', async () => {
    const r = await registry({ rotation: { secrets: { A: { provider: 'webhook', url: 'https://x.example/rotate' } } } });
    const value = `postgres://app:${randomBase62(8)}@db/app`;
    expect(r.resolve({ name: 'A', value, provider: 'github' })).toMatchObject({ provider: { id: 'webhook' }, how: 'config' });
    expect(r.resolve({ name: 'B', value, provider: 'aws' })).toMatchObject({ provider: { id: 'aws-iam' }, how: 'store' });
    expect(r.resolve({ name: 'C', value })).toMatchObject({ provider: { id: 'postgres' }, how: 'detected' });
    expect(r.resolve({ name: 'D', value: 'x', provider: 'gitlab' })).toEqual({
      reason: expect.stringMatching(/no rotation provider for "gitlab"/),
    });
  });

  it('checks options against the provider and names the fields', async () => {
    await expect(
      registry({ providers: { redis: { timeoutMs: 'soon' } }, rotation: { secrets: { W: { provider: 'webhook', url: 'not a url' } } } }),
    ).rejects.toMatchObject({
      code: 'UNLEAK_CONFIG_INVALID',
      problems: [
        expect.objectContaining({ field: 'providers.redis.timeoutMs' }),
        expect.objectContaining({ field: 'rotation.secrets.W.url' }),
      ],
    });
    const r = await registry({ rotation: { secrets: { S: { adminUrlEnv: 7 } } } });
    expect(() => r.optionsFor(builtinProviders.postgres, 'S')).toThrow(/rotation\.secrets\.S\.adminUrlEnv/);
  });
});

describe('custom providers (a module path in the config)', () => {
  const module = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return `./${name}`;
  };

  it('loads a default-exported object, a factory, or an async factory, registered under the config name and tried first', async () => {
    const body = `{ matches: (s) => s.value?.startsWith('cv_') ?? false, rotate: async () => ({ newValue: 'x', test: async () => {}, commit: async () => {}, rollback: async () => {} }), verify: async () => {}, revokePrevious: async () => {} }`;
    const a = module('a.mjs', `export default ${body};`);
    const b = module('b.mjs', `export default () => (${body});`);
    const c = module('c.mjs', `export default async () => (${body});`);
    const r = await registry({ providers: { one: { module: a }, two: { module: b }, three: { module: c } } });
    expect(r.get('two')?.id).toBe('two');
    expect(r.resolve({ name: 'X', value: 'cv_123' })).toMatchObject({ provider: { id: 'one' }, how: 'detected' });
    expect(
      r
        .all()
        .slice(0, 3)
        .map((p) => p.id),
    ).toEqual(['one', 'two', 'three']);
  });

  it('fails naming the module and keeping the cause', async () => {
    const missing = registry({ providers: { gone: { module: './nope.mjs' } } });
    await expect(missing).rejects.toMatchObject({
      code: 'UNLEAK_ROTATION_PROVIDER_LOAD',
      message: expect.stringContaining('from ./nope.mjs'),
      cause: expect.anything(),
    });
    const broken = module('broken.mjs', 'export default {;');
    await expect(registry({ providers: { b: { module: broken } } })).rejects.toThrow(`cannot load rotation provider "b" from ${broken}`);
    const thrower = module('thrower.mjs', "export default () => { throw new Error('no credentials for vault'); };");
    await expect(registry({ providers: { t: { module: thrower } } })).rejects.toThrow(/its factory threw: no credentials for vault/);
    const partial = module('partial.mjs', 'export default { matches: () => false, rotate: async () => ({}) };');
    await expect(registry({ providers: { p: { module: partial } } })).rejects.toThrow(/lacks verify, revokePrevious/);
  });

  it('may not take a built-in name', async () => {
    const ok = module(
      'ok.mjs',
      'export default { matches: () => false, rotate: async () => ({}), verify: async () => {}, revokePrevious: async () => {} };',
    );
    await expect(registry({ providers: { postgres: { module: ok } } })).rejects.toThrow(/"postgres" is a built-in provider/);
  });
});

describe('AWS key pair shapes', () => {
  it('reads and rewrites a pair, JSON and dotenv lines', () => {
    const id = `AKIA${randomBase62(16).toUpperCase()}`;
    const secret = randomBytes(30).toString('base64').slice(0, 40);
    const next = { accessKeyId: `AKIA${randomBase62(16).toUpperCase()}`, secretAccessKey: randomBase62(40) };
    expect(readAwsKey(`${id}:${secret}`)?.withCredentials(next)).toBe(`${next.accessKeyId}:${next.secretAccessKey}`);
    const dotenv = `# deploy\nexport AWS_ACCESS_KEY_ID="${id}"\nAWS_SECRET_ACCESS_KEY=${secret}\nAWS_REGION=eu-west-1\n`;
    expect(readAwsKey(dotenv)?.withCredentials(next)).toBe(
      `# deploy\nexport AWS_ACCESS_KEY_ID="${next.accessKeyId}"\nAWS_SECRET_ACCESS_KEY=${next.secretAccessKey}\nAWS_REGION=eu-west-1\n`,
    );
    expect(readAwsKey(JSON.stringify({ AccessKeyId: id, SecretAccessKey: secret }))?.credentials).toEqual({
      accessKeyId: id,
      secretAccessKey: secret,
    });
    expect(readAwsKey(`notakey:${secret}`)).toBeUndefined();
  });
});
