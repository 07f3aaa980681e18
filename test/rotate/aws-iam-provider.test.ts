import { afterEach, describe, expect, it } from 'vitest';
import { awsIamProvider } from '../../src/rotate/providers/aws-iam-provider.js';
import { readAwsKey } from '../../src/rotate/providers/aws-credentials.js';
import { finishEntry } from '../../src/rotate/finish.js';
import { MemoryRotationStore } from '../../src/rotate/memory-store.js';
import { rotateEntry, type RotationJob } from '../../src/rotate/protocol.js';
import { testIo } from './helpers/fake-io.js';
import { startFakeAws, type FakeAws } from './helpers/fake-aws.js';

let fake: FakeAws | undefined;
afterEach(async () => fake?.server.close());

async function setup(
  format: (id: string, secret: string) => string = (id, secret) => `${id}:${secret}`,
  options: { graceMs?: number; env?: NodeJS.ProcessEnv; stsRefusesNewKeys?: number; dropOn?: string } = {},
) {
  const io = testIo({ env: options.env });
  fake = await startFakeAws(io.clock.now, options);
  const key = fake.addUser('deploy-bot');
  const value = format(key.id, key.secret);
  const store = new MemoryRotationStore([{ name: 'AWS_DEPLOY_KEY', value }], io.now);
  const parsed = awsIamProvider.options.parse({ iamUrl: `${fake.server.url}/`, stsUrl: `${fake.server.url}/`, testDelayMs: 0 }) as Record<
    string,
    unknown
  >;
  const job = async (): Promise<RotationJob> => ({
    entry: (await store.entries())[0]!,
    provider: awsIamProvider,
    options: parsed,
    graceMs: options.graceMs ?? 0,
    store,
    io,
  });
  return { fake, key, value, store, job, io };
}

describe('aws-iam provider (fake IAM/STS checking SigV4)', () => {
  it('creates a key, tests it through STS (waiting for it to spread), deactivates and deletes the old one', async () => {
    const { fake, key, store, job } = await setup(undefined, { stsRefusesNewKeys: 2 });
    await rotateEntry(await job());
    const fresh = readAwsKey(store.get('AWS_DEPLOY_KEY')!.value)!.credentials;
    expect(fake.keysOf('deploy-bot')).toEqual({ [fresh.accessKeyId]: 'Active' });
    expect(fake.keys.get(fresh.accessKeyId)?.secret).toBe(fresh.secretAccessKey);
    expect(fake.calls.map((c) => c.action)).toEqual([
      'GetCallerIdentity',
      'CreateAccessKey',
      'GetCallerIdentity',
      'GetCallerIdentity',
      'GetCallerIdentity',
      'UpdateAccessKey',
      'DeleteAccessKey',
    ]);
    expect(fake.calls.find((c) => c.action === 'CreateAccessKey')?.signer).toBe(key.id);
    expect(fake.calls.find((c) => c.action === 'DeleteAccessKey')?.signer).toBe(fresh.accessKeyId);
  });

  it('keeps the shape of the stored value (JSON, ini lines)', async () => {
    const json = await setup((id, secret) => JSON.stringify({ accessKeyId: id, secretAccessKey: secret, region: 'eu-west-1' }));
    await rotateEntry(await json.job());
    const stored = JSON.parse(json.store.get('AWS_DEPLOY_KEY')!.value) as Record<string, string>;
    expect(Object.keys(stored)).toEqual(['accessKeyId', 'secretAccessKey', 'region']);
    expect(stored.accessKeyId).not.toBe(json.key.id);
    await fake?.server.close();
    const ini = await setup((id, secret) => `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`);
    await rotateEntry(await ini.job());
    expect(ini.store.get('AWS_DEPLOY_KEY')!.value).toMatch(
      /^\[default\]\naws_access_key_id = AKIA[0-9A-F]{16}\naws_secret_access_key = \S{40}\n$/,
    );
  });

  it('signs with admin credentials from the environment when they are set', async () => {
    const io = testIo();
    const f = await startFakeAws(io.clock.now);
    fake = f;
    const admin = f.addUser('security-admin', true);
    const key = f.addUser('deploy-bot');
    const store = new MemoryRotationStore([{ name: 'K', value: `${key.id}:${key.secret}` }], io.now);
    io.env.UNLEAK_AWS_ADMIN_ACCESS_KEY_ID = admin.id;
    io.env.UNLEAK_AWS_ADMIN_SECRET_ACCESS_KEY = admin.secret;
    const options = awsIamProvider.options.parse({ iamUrl: `${f.server.url}/`, stsUrl: `${f.server.url}/`, testDelayMs: 0 }) as Record<
      string,
      unknown
    >;
    await rotateEntry({ entry: (await store.entries())[0]!, provider: awsIamProvider, options, graceMs: 0, store, io });
    expect(f.calls.filter((c) => c.action !== 'GetCallerIdentity').every((c) => c.signer === admin.id)).toBe(true);
  });

  it('fails cleanly when IAM refuses (two keys already), with a hint', async () => {
    const { fake, key, store, job, value } = await setup();
    fake.addUser('other');
    const second = fake.keys.get([...fake.keys.keys()].at(-1)!)!;
    second.user = 'deploy-bot';
    await expect(rotateEntry(await job())).rejects.toMatchObject({ step: 'create', hint: expect.stringMatching(/two access keys/) });
    expect(store.get('AWS_DEPLOY_KEY')?.value).toBe(value);
    expect(fake.keys.get(key.id)?.status).toBe('Active');
  });

  it('deletes the new key when STS never accepts it, and the old one stays active', async () => {
    const { fake, key, store, job, value } = await setup(undefined, { stsRefusesNewKeys: 100 });
    await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_TEST_FAILED' });
    expect(fake.keysOf('deploy-bot')).toEqual({ [key.id]: 'Active' });
    expect(store.get('AWS_DEPLOY_KEY')?.value).toBe(value);
  });

  it('reactivates the old key and deletes the new one when the network drops between deactivate and delete', async () => {
    const { fake, key, store, job, value } = await setup(undefined, { dropOn: 'DeleteAccessKey' });
    await expect(rotateEntry(await job())).rejects.toMatchObject({ step: 'revoke' });
    expect(fake.keysOf('deploy-bot')).toEqual({ [key.id]: 'Active' });
    expect(store.get('AWS_DEPLOY_KEY')?.value).toBe(value);
  });

  it('keeps both keys through a grace period, then --finish retires the old one', async () => {
    const { fake, key, store, job } = await setup(undefined, { graceMs: 3_600_000 });
    expect((await rotateEntry(await job())).status).toBe('grace');
    expect(Object.values(fake.keysOf('deploy-bot'))).toEqual(['Active', 'Active']);
    expect((await finishEntry(await job())).status).toBe('waiting');
    expect((await finishEntry(await job(), { now: true })).status).toBe('committed');
    expect(fake.keys.has(key.id)).toBe(false);
    expect(store.get('AWS_DEPLOY_KEY')).not.toHaveProperty('previous');
  });

  it('refuses a value that is not a key pair', async () => {
    const io = testIo();
    const store = new MemoryRotationStore([{ name: 'K', value: 'not-a-key' }], io.now);
    const options = awsIamProvider.options.parse({}) as Record<string, unknown>;
    await expect(
      rotateEntry({ entry: (await store.entries())[0]!, provider: awsIamProvider, options, graceMs: 0, store, io }),
    ).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_VALUE_UNUSABLE' });
  });
});
