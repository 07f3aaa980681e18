import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { mysqlProvider, supportsRetain } from '../../src/rotate/providers/mysql-provider.js';
import { connectMysql, tryMysqlLogin, type MysqlConnect } from '../../src/rotate/providers/mysql-client.js';
import { parseCredentialUrl } from '../../src/rotate/credential-url.js';
import { finishEntry } from '../../src/rotate/finish.js';
import { MemoryRotationStore } from '../../src/rotate/memory-store.js';
import { rotateEntry, type RotationJob } from '../../src/rotate/protocol.js';
import type { RotationIo, RotationProvider } from '../../src/rotate/provider-types.js';
import type { RotationAuditEvent } from '../../src/rotate/rotation-store.js';
import { testIo } from './helpers/fake-io.js';
import { serviceAvailable, serviceUrls, throwawayName } from './helpers/services.js';
import { startTcpProxy } from './helpers/tcp-proxy.js';

async function sql(text: string, values: unknown[] = []): Promise<unknown> {
  const connection = await mysql.createConnection({ uri: serviceUrls.mysql });
  try {
    return (await connection.query(text, values))[0];
  } finally {
    await connection.end();
  }
}

const server = parseCredentialUrl(serviceUrls.mysql);
const port = server?.port ?? 3306;
const login = async (url: string): Promise<string> => (await tryMysqlLogin(connectMysql, url, 5000)).outcome;

function jobFor(
  provider: RotationProvider,
  value: string,
  env: NodeJS.ProcessEnv,
  options: Record<string, unknown> = {},
  graceMs = 0,
  clients: Partial<RotationIo> = {},
) {
  const io = testIo({ ...clients, env });
  const store = new MemoryRotationStore([{ name: 'MYSQL_URL', value }], io.now);
  const job = async (): Promise<RotationJob> => ({
    entry: (await store.entries())[0]!,
    provider,
    options: provider.options.parse(options) as Record<string, unknown>,
    graceMs,
    store,
    io,
  });
  return { io, store, job };
}

describe('dual-password support by server version', () => {
  it('is MySQL 8.0.14 and later, never MariaDB', () => {
    expect(supportsRetain('8.0.14')).toBe(true);
    expect(supportsRetain('8.4.2')).toBe(true);
    expect(supportsRetain('9.1.0')).toBe(true);
    expect(supportsRetain('8.0.13')).toBe(false);
    expect(supportsRetain('5.7.44-log')).toBe(false);
    expect(supportsRetain('10.11.19-MariaDB-0+deb12u1')).toBe(false);
    expect(supportsRetain('11.4.2-MariaDB')).toBe(false);
  });
});

const up = await serviceAvailable('MariaDB/MySQL', () => sql('SELECT 1'));

describe.skipIf(!up)('mysql provider against the real server', () => {
  async function account(host = '%') {
    const user = throwawayName('unleak_my');
    const password = randomBytes(15).toString('base64url');
    await sql('CREATE USER ?@? IDENTIFIED BY ?', [user, host, password]);
    return {
      user,
      password,
      value: `mysql://${user}:${password}@127.0.0.1:${port}/?connectTimeout=5000`,
      drop: () => sql('DROP USER IF EXISTS ?@?', [user, host]),
    };
  }
  const env = { UNLEAK_MYSQL_ADMIN_URL: serviceUrls.mysql };

  it('the server refuses a wrong password (so the tests below prove something)', async () => {
    const a = await account();
    try {
      expect(await login(a.value)).toBe('accepted');
      expect(await login(a.value.replace(a.password, 'wrong'))).toBe('refused');
    } finally {
      await a.drop();
    }
  });

  it('rotates: the new password works, the old one is refused, the rest of the URL is kept', async () => {
    const a = await account();
    try {
      const { store, job } = jobFor(mysqlProvider, a.value, env);
      await rotateEntry(await job());
      const stored = store.get('MYSQL_URL')!.value;
      expect(stored.replace(/:[A-Za-z0-9]{32}@/, ':X@')).toBe(a.value.replace(`:${a.password}@`, ':X@'));
      expect(await login(stored)).toBe('accepted');
      expect(await login(a.value)).toBe('refused');
    } finally {
      await a.drop();
    }
  });

  it('ignores a grace period on MariaDB (one password per account) and says so', async () => {
    const a = await account();
    try {
      const { job } = jobFor(mysqlProvider, a.value, env, {}, 3_600_000);
      const outcome = await rotateEntry(await job());
      expect(outcome.status).toBe('rotated');
      expect(outcome.notes.join(' ')).toMatch(/no grace period/);
    } finally {
      await a.drop();
    }
  });

  it('fails cleanly when the server refuses the change (admin without privileges)', async () => {
    const a = await account();
    const weak = await account();
    try {
      const { store, job } = jobFor(mysqlProvider, a.value, { UNLEAK_MYSQL_ADMIN_URL: weak.value });
      const error = await rotateEntry(await job()).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'UNLEAK_ROTATION_PROVIDER_FAILED', step: 'create' });
      expect((error as Error).message).toMatch(/denied|privilege/i);
      expect(store.get('MYSQL_URL')?.value).toBe(a.value);
      expect(await login(a.value)).toBe('accepted');
    } finally {
      await a.drop();
      await weak.drop();
    }
  });

  it('rolls back when the new password does not work (locked account)', async () => {
    const a = await account();
    try {
      const { store, job } = jobFor(mysqlProvider, a.value, env, { accountHost: '%' });
      await sql('ALTER USER ?@? ACCOUNT LOCK', [a.user, '%']);
      await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_TEST_FAILED' });
      await sql('ALTER USER ?@? ACCOUNT UNLOCK', [a.user, '%']);
      expect(store.get('MYSQL_URL')?.value).toBe(a.value);
      expect(await login(a.value)).toBe('accepted');
    } finally {
      await a.drop();
    }
  });

  it('rolls back through a fresh connection when the network drops between test and revoke', async () => {
    const a = await account();
    const proxy = await startTcpProxy('127.0.0.1', port);
    try {
      const viaProxy = a.value.replace(`:${port}/`, `:${proxy.port}/`);
      const { store, job } = jobFor(mysqlProvider, viaProxy, env);
      const audit = store.audit.bind(store);
      store.audit = async (events: RotationAuditEvent[]) => {
        await audit(events);
        if (events.some((event) => event.action === 'rotate-test')) proxy.cut();
      };
      await expect(rotateEntry(await job())).rejects.toMatchObject({ step: 'revoke' });
      expect(store.get('MYSQL_URL')?.value).toBe(viaProxy);
      expect(await login(a.value)).toBe('accepted');
    } finally {
      await proxy.close();
      await a.drop();
    }
  });
});

/** A pretend MySQL 8 that keeps a primary and a secondary password per account, as RETAIN CURRENT PASSWORD does. */
function fakeMysql8(user: string, password: string) {
  const accounts = new Map([[`${user}@%`, { primary: password, secondary: undefined as string | undefined }]]);
  const statements: string[] = [];
  const connect: MysqlConnect = async (url) => {
    const parsed = parseCredentialUrl(url)!;
    const admin = parsed.user === 'admin';
    const entry = accounts.get(`${parsed.user}@%`);
    if (!admin && (!entry || (parsed.password !== entry.primary && parsed.password !== entry.secondary))) {
      throw Object.assign(new Error(`Access denied for user '${parsed.user}'`), { errno: 1045, sqlState: '28000' });
    }
    return {
      end: async () => undefined,
      query: async (text, values = []) => {
        statements.push(text);
        if (text.startsWith('SELECT VERSION()')) return [{ version: '8.0.36' }];
        if (text.startsWith('SELECT CURRENT_USER()')) return [{ account: `${parsed.user}@%` }];
        const target = accounts.get(`${String(values[0])}@${String(values[1])}`)!;
        if (text.includes('DISCARD OLD PASSWORD')) target.secondary = undefined;
        else if (text.includes('RETAIN CURRENT PASSWORD')) [target.secondary, target.primary] = [target.primary, String(values[2])];
        else target.primary = String(values[2]);
        return [];
      },
    };
  };
  return { connect, statements, accounts };
}

describe('mysql provider on a server with dual passwords (MySQL 8, simulated)', () => {
  it('keeps the old password through the grace period, then discards it', async () => {
    const password = randomBytes(12).toString('hex');
    const fake = fakeMysql8('app', password);
    const value = `mysql://app:${password}@db.internal:3306/app`;
    const { io, store, job } = jobFor(mysqlProvider, value, { UNLEAK_MYSQL_ADMIN_URL: 'mysql://admin:x@db.internal:3306/' }, {}, 60_000, {
      connectMysql: fake.connect,
    });
    const outcome = await rotateEntry(await job());
    expect(outcome.status).toBe('grace');
    expect(fake.statements).toContain('ALTER USER ?@? IDENTIFIED BY ? RETAIN CURRENT PASSWORD');
    expect(fake.accounts.get('app@%')?.secondary).toBe(password);
    io.clock.now = new Date(io.clock.now.getTime() + 60_001);
    expect(await finishEntry(await job())).toMatchObject({ status: 'committed' });
    expect(fake.accounts.get('app@%')?.secondary).toBeUndefined();
    expect(store.get('MYSQL_URL')?.value).not.toBe(value);
  });

  it('rolls back to the old password alone', async () => {
    const password = randomBytes(12).toString('hex');
    const fake = fakeMysql8('app', password);
    const connectMysql: MysqlConnect = async (url, timeout) => {
      const connection = await fake.connect(url, timeout);
      if (!url.includes('admin') && !url.includes(password))
        throw Object.assign(new Error('Access denied'), { errno: 1045, sqlState: '28000' });
      return connection;
    };
    const { job } = jobFor(
      mysqlProvider,
      `mysql://app:${password}@db.internal:3306/app`,
      { UNLEAK_MYSQL_ADMIN_URL: 'mysql://admin:x@db.internal:3306/' },
      {},
      0,
      { connectMysql },
    );
    await expect(rotateEntry(await job())).rejects.toMatchObject({ step: 'test' });
    expect(fake.accounts.get('app@%')).toEqual({ primary: password, secondary: undefined });
  });
});
