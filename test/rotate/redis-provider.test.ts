import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { redisProvider } from '../../src/rotate/providers/redis-provider.js';
import { Redis } from 'ioredis';
import { finishEntry } from '../../src/rotate/finish.js';
import { MemoryRotationStore } from '../../src/rotate/memory-store.js';
import { rotateEntry, type RotationJob } from '../../src/rotate/protocol.js';
import type { RotationAuditEvent } from '../../src/rotate/rotation-store.js';
import { testIo } from './helpers/fake-io.js';
import { serviceAvailable, serviceUrls, throwawayName } from './helpers/services.js';
import { startTcpProxy } from './helpers/tcp-proxy.js';

const server = new URL(serviceUrls.redis);
const host = server.hostname;
const port = Number(server.port || 6379);

type Reply = string | number | null | Reply[];

/** A one-shot ioredis client without retries (a test must fail, not wait, when Redis is gone). */
const client = (viaPort = port): Redis =>
  new Redis({
    host,
    port: viaPort,
    lazyConnect: true,
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 5000,
  });

async function admin(name: string, ...args: string[]): Promise<Reply> {
  const connection = client();
  try {
    await connection.connect();
    if (server.password)
      await connection.call('AUTH', ...(server.username ? [decodeURIComponent(server.username)] : []), decodeURIComponent(server.password));
    return (await connection.call(name, ...args)) as Reply;
  } finally {
    connection.disconnect();
  }
}

async function canLogin(user: string, password: string, viaPort = port): Promise<boolean> {
  const connection = client(viaPort);
  try {
    await connection.connect();
    await connection.call('AUTH', user, password);
    return true;
  } catch {
    return false;
  } finally {
    connection.disconnect();
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const passwordsOf = async (user: string): Promise<string[]> => {
  const reply = (await admin('ACL', 'GETUSER', user)) as Reply[];
  return reply[reply.indexOf('passwords') + 1] as string[];
};

const up = await serviceAvailable('Redis', () => admin('PING'));

describe.skipIf(!up)('redis provider against the real server', () => {
  async function aclUser(flags: string[] = ['on']) {
    const user = throwawayName('unleak_rd');
    const password = randomBytes(15).toString('base64url');
    await admin('ACL', 'SETUSER', user, 'reset', ...flags, `>${password}`, '~*', '+@all');
    return { user, password, value: `redis://${user}:${password}@${host}:${port}/0`, drop: () => admin('ACL', 'DELUSER', user) };
  }
  function jobFor(value: string, env: NodeJS.ProcessEnv = { UNLEAK_REDIS_ADMIN_URL: serviceUrls.redis }, graceMs = 0) {
    const io = testIo({ env });
    const store = new MemoryRotationStore([{ name: 'REDIS_URL', value }], io.now);
    const job = async (): Promise<RotationJob> => ({
      entry: (await store.entries())[0]!,
      provider: redisProvider,
      options: redisProvider.options.parse({}) as Record<string, unknown>,
      graceMs,
      store,
      io,
    });
    return { io, store, job };
  }

  it('the server refuses a wrong password for an ACL user (so the tests below prove something)', async () => {
    const a = await aclUser();
    try {
      expect(await canLogin(a.user, a.password)).toBe(true);
      expect(await canLogin(a.user, `${a.password}x`)).toBe(false);
    } finally {
      await a.drop();
    }
  });

  it('rotates: only the new password is left, and only its hash was sent', async () => {
    const a = await aclUser();
    try {
      const { store, job, io } = jobFor(a.value);
      const outcome = await rotateEntry(await job());
      const stored = store.get('REDIS_URL')!.value;
      const fresh = new URL(stored).password;
      expect(await canLogin(a.user, fresh)).toBe(true);
      expect(await canLogin(a.user, a.password)).toBe(false);
      expect(await passwordsOf(a.user)).toEqual([sha256(fresh)]);
      expect(outcome.notes.join(' ')).toMatch(/aclfile/);
      expect(io.lines.join('\n')).not.toContain(fresh);
    } finally {
      await a.drop();
    }
  });

  it('keeps both passwords through a grace period, then --finish removes the old one', async () => {
    const a = await aclUser();
    try {
      const { io, store, job } = jobFor(a.value, undefined, 60_000);
      expect((await rotateEntry(await job())).status).toBe('grace');
      const fresh = new URL(store.get('REDIS_URL')!.value).password;
      expect(await canLogin(a.user, a.password)).toBe(true);
      expect(await canLogin(a.user, fresh)).toBe(true);
      io.clock.now = new Date(io.clock.now.getTime() + 61_000);
      expect((await finishEntry(await job())).status).toBe('committed');
      expect(await canLogin(a.user, a.password)).toBe(false);
      expect(await canLogin(a.user, fresh)).toBe(true);
    } finally {
      await a.drop();
    }
  });

  it('rolls back when the new password does not work (user switched off)', async () => {
    const a = await aclUser(['off']);
    try {
      const { store, job } = jobFor(a.value);
      await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_TEST_FAILED' });
      expect(await passwordsOf(a.user)).toEqual([sha256(a.password)]);
      expect(store.get('REDIS_URL')?.value).toBe(a.value);
    } finally {
      await a.drop();
    }
  });

  it('fails cleanly when the server refuses (admin without ACL permission)', async () => {
    const a = await aclUser();
    const weak = throwawayName('unleak_weak');
    const weakPassword = randomBytes(15).toString('base64url');
    await admin('ACL', 'SETUSER', weak, 'on', `>${weakPassword}`, '~*', '+@read', '+ping');
    try {
      const { store, job } = jobFor(a.value, { UNLEAK_REDIS_ADMIN_URL: `redis://${weak}:${weakPassword}@${host}:${port}` });
      const error = await rotateEntry(await job()).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'UNLEAK_ROTATION_PROVIDER_FAILED', step: 'create' });
      expect((error as Error).message).toMatch(/NOPERM/);
      expect((error as Error).message).not.toContain(weakPassword);
      expect(store.get('REDIS_URL')?.value).toBe(a.value);
      expect(await passwordsOf(a.user)).toEqual([sha256(a.password)]);
    } finally {
      await a.drop();
      await admin('ACL', 'DELUSER', weak);
    }
  });

  it('never creates a user that does not exist', async () => {
    const user = throwawayName('unleak_none');
    const { job } = jobFor(`redis://${user}:${randomBytes(8).toString('hex')}@${host}:${port}`);
    await expect(rotateEntry(await job())).rejects.toThrow(/no ACL user/);
    expect(await admin('ACL', 'GETUSER', user)).toBeNull();
  });

  it('puts the old password back when the network drops between test and revoke', async () => {
    const a = await aclUser();
    const proxy = await startTcpProxy(host, port);
    try {
      const viaProxy = a.value.replace(`:${port}/`, `:${proxy.port}/`);
      const { store, job } = jobFor(viaProxy);
      const audit = store.audit.bind(store);
      store.audit = async (events: RotationAuditEvent[]) => {
        await audit(events);
        if (events.some((event) => event.action === 'rotate-test')) proxy.cut();
      };
      await expect(rotateEntry(await job())).rejects.toMatchObject({ step: 'revoke' });
      expect(store.get('REDIS_URL')?.value).toBe(viaProxy);
      expect(await passwordsOf(a.user)).toEqual([sha256(a.password)]);
    } finally {
      await proxy.close();
      await a.drop();
    }
  });
});
