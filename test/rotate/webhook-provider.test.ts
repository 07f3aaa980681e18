import { afterEach, describe, expect, it } from 'vitest';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { webhookProvider } from '../../src/rotate/providers/webhook-provider.js';
import { MemoryRotationStore } from '../../src/rotate/memory-store.js';
import { rotateEntry, type RotationJob } from '../../src/rotate/protocol.js';
import { testIo } from './helpers/fake-io.js';
import { startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from './helpers/fake-server.js';

/** A receiving endpoint that checks signatures and timestamps as a careful implementation would, over a set of live values. */
async function endpoint(key: string, initial: string, options: { dropOn?: string; failOn?: string } = {}) {
  const live = new Set([initial]);
  const steps: string[] = [];
  const server = await startFakeServer((request: SeenRequest): FakeReply => {
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/rotate');
    expect(request.headers['content-type']).toBe('application/json');
    const timestamp = String(request.headers['x-unleak-timestamp']);
    const expected = Buffer.from(`v1=${createHmac('sha256', key).update(`${timestamp}.${request.body}`).digest('hex')}`);
    const given = Buffer.from(String(request.headers['x-unleak-signature']));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 401, json: { error: 'bad_signature' } };
    if (Math.abs(Date.parse('2026-01-10T12:00:00Z') / 1000 - Number(timestamp)) > 300) return { status: 401, json: { error: 'stale' } };
    const body = JSON.parse(request.body) as Record<string, string | boolean | object>;
    expect(body).toMatchObject({ version: 1, secret: 'PAYMENTS_KEY', context: { account: 'billing' } });
    steps.push(String(body.step));
    if (options.dropOn === body.step) return 'drop';
    if (options.failOn === body.step) return { status: 503, json: { error: 'unavailable' } };
    switch (body.step) {
      case 'create': {
        if (!live.has(String(body.currentValue))) return { status: 403, json: { error: 'unknown_credential' } };
        const next = typeof body.newValue === 'string' ? body.newValue : randomBytes(16).toString('hex');
        live.add(next);
        return typeof body.newValue === 'string' ? { status: 204 } : { status: 200, json: { newValue: next } };
      }
      case 'test':
        return live.has(String(body.newValue)) ? { status: 204 } : { status: 422, json: { error: 'does_not_work' } };
      case 'revoke':
        live.delete(String(body.oldValue));
        return { status: 204 };
      case 'rollback':
        live.delete(String(body.newValue));
        live.add(String(body.oldValue));
        return { status: 204 };
      default:
        return { status: 400, json: { error: 'unknown step' } };
    }
  });
  return { server, live, steps };
}

let server: FakeServer | undefined;
afterEach(async () => server?.close());

function setup(url: string, key: string, old: string, extra: Record<string, unknown> = {}) {
  const io = testIo({ env: { UNLEAK_WEBHOOK_SECRET: key } });
  const store = new MemoryRotationStore([{ name: 'PAYMENTS_KEY', value: old }], io.now);
  const options = webhookProvider.options.parse({ url, context: { account: 'billing' }, ...extra }) as Record<string, unknown>;
  const job = async (): Promise<RotationJob> => ({
    entry: (await store.entries())[0]!,
    provider: webhookProvider,
    options,
    graceMs: 0,
    store,
    io,
  });
  return { store, job };
}

describe('webhook provider (fake endpoint checking signatures)', () => {
  it('maps the four steps onto four signed POSTs and stores the returned value', async () => {
    const key = randomBytes(24).toString('base64');
    const old = randomBytes(16).toString('hex');
    const fake = await endpoint(key, old);
    server = fake.server;
    const { store, job } = setup(`${fake.server.url}/rotate`, key, old);
    await rotateEntry(await job());
    expect(fake.steps).toEqual(['create', 'test', 'revoke']);
    expect(fake.live).toEqual(new Set([store.get('PAYMENTS_KEY')!.value]));
    const ids = fake.server.requests.map((request) => (JSON.parse(request.body) as { rotationId: string }).rotationId);
    expect(new Set(ids).size).toBe(1);
  });

  it('with generate: true, sends the value unleak made (saved as pending first) in create', async () => {
    const key = randomBytes(24).toString('base64');
    const old = randomBytes(16).toString('hex');
    const fake = await endpoint(key, old);
    server = fake.server;
    const { store, job } = setup(`${fake.server.url}/rotate`, key, old, { generate: true });
    let pendingAtCreate: string | undefined;
    const savePending = store.savePending.bind(store);
    store.savePending = async (changes, info) => {
      await savePending(changes, info);
      pendingAtCreate = store.get('PAYMENTS_KEY')?.pending;
    };
    await rotateEntry(await job());
    const value = store.get('PAYMENTS_KEY')!.value;
    expect(value).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(pendingAtCreate).toBe(value);
    expect((JSON.parse(fake.server.requests[0]!.body) as { newValue?: string }).newValue).toBe(value);
    expect(fake.live).toEqual(new Set([value]));
  });

  it('is refused with the wrong key (the endpoint checks the HMAC), changing nothing', async () => {
    const old = randomBytes(16).toString('hex');
    const fake = await endpoint(randomBytes(24).toString('base64'), old);
    server = fake.server;
    const { store, job } = setup(`${fake.server.url}/rotate`, 'not-the-key', old);
    await expect(rotateEntry(await job())).rejects.toThrow(/HTTP 401 \(bad_signature\)/);
    expect(store.get('PAYMENTS_KEY')?.value).toBe(old);
  });

  it('calls rollback when the network drops at revoke, and the old value works again', async () => {
    const key = randomBytes(24).toString('base64');
    const old = randomBytes(16).toString('hex');
    const fake = await endpoint(key, old, { dropOn: 'revoke' });
    server = fake.server;
    const { store, job } = setup(`${fake.server.url}/rotate`, key, old);
    await expect(rotateEntry(await job())).rejects.toMatchObject({ step: 'revoke', code: 'UNLEAK_ROTATION_NETWORK' });
    expect(fake.steps).toEqual(['create', 'test', 'revoke', 'rollback']);
    const rollback = JSON.parse(fake.server.requests.at(-1)!.body) as { revokeStarted: boolean };
    expect(rollback.revokeStarted).toBe(true);
    expect(fake.live).toEqual(new Set([old]));
    expect(store.get('PAYMENTS_KEY')?.value).toBe(old);
  });

  it('rolls back when the endpoint says the new value does not work', async () => {
    const key = randomBytes(24).toString('base64');
    const old = randomBytes(16).toString('hex');
    const fake = await endpoint(key, old, { failOn: 'test' });
    server = fake.server;
    const { store, job } = setup(`${fake.server.url}/rotate`, key, old);
    await expect(rotateEntry(await job())).rejects.toThrow(/HTTP 503/);
    expect(fake.live).toEqual(new Set([old]));
    expect(store.get('PAYMENTS_KEY')?.value).toBe(old);
  });

  it('refuses plain http to anything but loopback, and a missing key', async () => {
    const old = randomBytes(16).toString('hex');
    await expect(rotateEntry(await setup('http://rotation.example.com/rotate', 'k', old).job())).rejects.toThrow(/use https/);
    const noKey = setup('https://rotation.example.com/rotate', 'k', old);
    const job = await noKey.job();
    job.io.env = {};
    await expect(rotateEntry(job)).rejects.toThrow(/UNLEAK_WEBHOOK_SECRET is not set/);
  });
});
