import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { execFile } from '../../src/rotate/exec.js';
import { amqpLogin, type AmqpLoginFn } from '../../src/rotate/providers/amqp-login.js';
import { rabbitmqProvider } from '../../src/rotate/providers/rabbitmq-provider.js';
import { rabbitPasswordHash } from '../../src/rotate/providers/rabbitmq-management.js';
import { parseCredentialUrl } from '../../src/rotate/credential-url.js';
import { MemoryRotationStore } from '../../src/rotate/memory-store.js';
import { rotateEntry, type RotationJob } from '../../src/rotate/protocol.js';
import type { RotationIo } from '../../src/rotate/provider-types.js';
import { testIo } from './helpers/fake-io.js';
import { startFakeServer, type FakeReply, type SeenRequest } from './helpers/fake-server.js';
import { serviceAvailable, serviceUrls, tcpOpen, throwawayName } from './helpers/services.js';
import { freePort, startTcpProxy } from './helpers/tcp-proxy.js';

const broker = parseCredentialUrl(serviceUrls.amqp)!;
const amqpPort = broker.port ?? 5672;

const ctl = async (args: string[], input?: string): Promise<number | null> =>
  (await execFile('rabbitmqctl', args, { input, timeoutMs: 60_000 })).code;
const canLogin = async (user: string, password: string): Promise<boolean> =>
  (await amqpLogin({ host: broker.host, port: amqpPort, tls: false, user, password, vhost: '/' })).ok;

function jobFor(value: string, options: Record<string, unknown>, io: RotationIo) {
  const store = new MemoryRotationStore([{ name: 'AMQP_URL', value }], io.now);
  const job = async (): Promise<RotationJob> => ({
    entry: (await store.entries())[0]!,
    provider: rabbitmqProvider,
    options: rabbitmqProvider.options.parse(options) as Record<string, unknown>,
    graceMs: 0,
    store,
    io,
  });
  return { store, job };
}

const up = await serviceAvailable('RabbitMQ (AMQP and rabbitmqctl)', async () => {
  await tcpOpen(broker.host, amqpPort);
  if ((await ctl(['status', '--quiet'])) !== 0) throw new Error('rabbitmqctl status failed');
});

describe.skipIf(!up)('rabbitmq provider through rabbitmqctl, against the real broker', { timeout: 240_000 }, () => {
  const created: string[] = [];
  async function user(permissions = true) {
    const name = throwawayName('unleak_mq');
    const password = randomBytes(15).toString('base64url');
    expect(await ctl(['add_user', name], `${password}\n`)).toBe(0);
    created.push(name);
    if (permissions) expect(await ctl(['set_permissions', '-p', '/', name, '.*', '.*', '.*'])).toBe(0);
    return { name, password, value: `amqp://${name}:${password}@${broker.host}:${amqpPort}/%2f` };
  }
  afterAll(async () => {
    for (const name of created) await ctl(['delete_user', name]);
  });
  let app: Awaited<ReturnType<typeof user>>;
  beforeAll(async () => {
    app = await user();
  }, 240_000);

  it('the broker refuses a wrong password (so the tests below prove something)', async () => {
    expect(await canLogin(app.name, app.password)).toBe(true);
    expect(await canLogin(app.name, `${app.password}x`)).toBe(false);
  });

  it('rotates: the new password logs in over AMQP, the old one is refused', async () => {
    const io = testIo({ env: {} });
    const { store, job } = jobFor(app.value, {}, io);
    await rotateEntry(await job());
    const stored = store.get('AMQP_URL')!.value;
    const fresh = parseCredentialUrl(stored)!;
    expect(stored.endsWith(`@${broker.host}:${amqpPort}/%2f`)).toBe(true);
    expect(await canLogin(app.name, fresh.password!)).toBe(true);
    expect(await canLogin(app.name, app.password)).toBe(false);
    app = { ...app, password: fresh.password!, value: stored };
  });

  it('falls back to rabbitmqctl when the management API does not answer', async () => {
    const io = testIo({ env: { UNLEAK_RABBITMQ_ADMIN_URL: `http://admin:x@127.0.0.1:${await freePort()}` } });
    const { store, job } = jobFor(app.value, {}, io);
    await rotateEntry(await job());
    expect(io.lines.join('\n')).toMatch(/using rabbitmqctl/);
    expect(await canLogin(app.name, app.password)).toBe(false);
    const stored = store.get('AMQP_URL')!.value;
    app = { ...app, password: parseCredentialUrl(stored)!.password!, value: stored };
  });

  it('fails cleanly when rabbitmqctl cannot reach the node, or the user does not exist', async () => {
    const unreachable = jobFor(app.value, { node: 'unleak-no-such-node@localhost' }, testIo());
    await expect(rotateEntry(await unreachable.job())).rejects.toMatchObject({ step: 'create' });
    expect(await canLogin(app.name, app.password)).toBe(true);
    const missing = jobFor(app.value.replace(app.name, `${app.name}_missing`), {}, testIo());
    await expect(rotateEntry(await missing.job())).rejects.toThrow(/no user/);
  });

  it('puts the old password back with rabbitmqctl when the network to the broker drops before the test', async () => {
    const proxy = await startTcpProxy(broker.host, amqpPort);
    try {
      const viaProxy = app.value.replace(`:${amqpPort}/`, `:${proxy.port}/`);
      const { store, job } = jobFor(viaProxy, {}, testIo());
      const stage = store.stage.bind(store);
      store.stage = async (...args) => {
        await stage(...args);
        proxy.cut();
      };
      await expect(rotateEntry(await job())).rejects.toMatchObject({ step: 'test' });
      expect(store.get('AMQP_URL')?.value).toBe(viaProxy);
      expect(await canLogin(app.name, app.password)).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('rolls back when the new password does not work (no access to the virtual host)', async () => {
    const locked = await user(false);
    const { store, job } = jobFor(locked.value, {}, testIo());
    await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_TEST_FAILED' });
    expect(store.get('AMQP_URL')?.value).toBe(locked.value);
    expect(await ctl(['authenticate_user', locked.name], `${locked.password}\n`)).toBe(0);
  });
});

/** A fake management API that checks requests as RabbitMQ does, with one user, and an AMQP login checked against it. */
async function fakeManagement(adminPassword: string, userPassword: string, dropPut = false) {
  const salt = randomBytes(4);
  const user = {
    password_hash: rabbitPasswordHash(userPassword, salt),
    hashing_algorithm: 'rabbit_password_hashing_sha256',
    tags: ['monitoring', 'policymaker'],
  };
  const puts: unknown[] = [];
  const server = await startFakeServer((request: SeenRequest): FakeReply => {
    if (request.headers.authorization !== `Basic ${Buffer.from(`admin:${adminPassword}`).toString('base64')}`)
      return { status: 401, json: { error: 'not_authorised', reason: 'Login failed' } };
    if (request.path === '/api/overview') return { status: 200, json: { rabbitmq_version: '3.13.0' } };
    if (request.path !== '/api/users/app') return { status: 404, json: { error: 'Object Not Found', reason: 'Not Found' } };
    if (request.method === 'GET') return { status: 200, json: { name: 'app', ...user, limits: {} } };
    if (request.method === 'PUT') {
      expect(request.headers['content-type']).toBe('application/json');
      const body = JSON.parse(request.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['hashing_algorithm', 'password_hash', 'tags']);
      expect(body.tags).toBe('monitoring,policymaker');
      expect(Buffer.from(String(body.password_hash), 'base64')).toHaveLength(36);
      puts.push(body);
      Object.assign(user, { password_hash: body.password_hash, hashing_algorithm: body.hashing_algorithm });
      if (dropPut && puts.length === 1) return 'drop';
      return { status: 204 };
    }
    return { status: 405, json: { error: 'method not allowed' } };
  });
  const login: AmqpLoginFn = async (target) => {
    const stored = Buffer.from(user.password_hash, 'base64');
    const digest = createHash('sha256')
      .update(Buffer.concat([stored.subarray(0, 4), Buffer.from(target.password)]))
      .digest();
    return target.user === 'app' && digest.equals(stored.subarray(4)) ? { ok: true } : { ok: false, reason: '403 ACCESS_REFUSED' };
  };
  return { server, user, puts, login };
}

describe('rabbitmq provider through the management HTTP API (fake API)', () => {
  it('sends a salted hash with the user tags kept, and the new password logs in', async () => {
    const adminPassword = randomBytes(9).toString('hex');
    const old = randomBytes(9).toString('hex');
    const fake = await fakeManagement(adminPassword, old);
    try {
      const io = testIo({
        env: { UNLEAK_RABBITMQ_ADMIN_URL: fake.server.url.replace('http://', `http://admin:${adminPassword}@`) },
        amqpLogin: fake.login,
      });
      const { store, job } = jobFor(`amqp://app:${old}@broker.internal:5672/prod`, {}, io);
      await rotateEntry(await job());
      const fresh = parseCredentialUrl(store.get('AMQP_URL')!.value)!.password!;
      expect((await fake.login({ host: '', port: 0, tls: false, user: 'app', password: fresh, vhost: 'prod' })).ok).toBe(true);
      expect(fake.server.requests.every((request) => !request.body.includes(fresh))).toBe(true);
      expect(fake.server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
        'GET /api/overview',
        'GET /api/users/app',
        'PUT /api/users/app',
      ]);
    } finally {
      await fake.server.close();
    }
  });

  it('puts the exact old hash back when the connection drops during the change', async () => {
    const adminPassword = randomBytes(9).toString('hex');
    const old = randomBytes(9).toString('hex');
    const fake = await fakeManagement(adminPassword, old, true);
    const before = fake.user.password_hash;
    try {
      const io = testIo({
        env: { UNLEAK_RABBITMQ_ADMIN_URL: fake.server.url.replace('http://', `http://admin:${adminPassword}@`) },
        amqpLogin: fake.login,
      });
      const { store, job } = jobFor(`amqp://app:${old}@broker.internal:5672/prod`, { mode: 'http' }, io);
      const error = await rotateEntry(await job()).catch((e: unknown) => e);
      expect(error).toMatchObject({ step: 'create' });
      expect((error as Error).message).toMatch(/put back/);
      expect(fake.user.password_hash).toBe(before);
      expect(store.get('AMQP_URL')).not.toHaveProperty('previous');
    } finally {
      await fake.server.close();
    }
  });

  it('fails cleanly with a wrong admin password (HTTP 401), changing nothing', async () => {
    const adminPassword = randomBytes(9).toString('hex');
    const old = randomBytes(9).toString('hex');
    const fake = await fakeManagement(adminPassword, old);
    try {
      const io = testIo({
        env: { UNLEAK_RABBITMQ_ADMIN_URL: fake.server.url.replace('http://', 'http://admin:wrong@') },
        amqpLogin: fake.login,
      });
      const { job } = jobFor(`amqp://app:${old}@broker.internal:5672/prod`, { mode: 'http' }, io);
      await expect(rotateEntry(await job())).rejects.toThrow(/HTTP 401/);
      expect(fake.puts).toHaveLength(0);
    } finally {
      await fake.server.close();
    }
  });
});
