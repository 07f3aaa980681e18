import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { postgresProvider } from '../../src/rotate/providers/postgres-provider.js';
import { connectPostgres, tryPgLogin } from '../../src/rotate/providers/postgres-client.js';
import { finishEntry } from '../../src/rotate/finish.js';
import { MemoryRotationStore } from '../../src/rotate/memory-store.js';
import { rotateEntry, type RotationJob } from '../../src/rotate/protocol.js';
import type { RotationAuditEvent } from '../../src/rotate/rotation-store.js';
import { testIo } from './helpers/fake-io.js';
import { startScramCluster, type ScramCluster } from './helpers/scram-cluster.js';
import { serviceAvailable, serviceUrls, throwawayName } from './helpers/services.js';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.js';

async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

const login = async (url: string): Promise<string> => (await tryPgLogin(connectPostgres, url, 5000)).outcome;

let cluster: ScramCluster | undefined;
const clusterUp = await serviceAvailable('PostgreSQL private cluster (initdb -A scram-sha-256)', async () => {
  cluster = await startScramCluster();
});
afterAll(async () => cluster?.stop());

/** A role with a random password in the cluster, and the job rotating its connection string. */
async function roleJob(adminUrl: string, port: number, options: Record<string, unknown> = {}, dbPort = port) {
  const role = throwawayName('unleak_pg');
  const password = randomBytes(15).toString('base64url');
  await sql(adminUrl, `CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
  const value = `postgres://${role}:${password}@127.0.0.1:${dbPort}/postgres?application_name=app`;
  const io = testIo({ env: { UNLEAK_POSTGRES_ADMIN_URL: adminUrl } });
  const store = new MemoryRotationStore([{ name: 'DATABASE_URL', value, createdAt: '2025-01-01T00:00:00Z' }], io.now);
  const job = async (): Promise<RotationJob> => ({
    entry: (await store.entries())[0]!,
    provider: postgresProvider,
    options: postgresProvider.options.parse(options) as Record<string, unknown>,
    graceMs: 0,
    store,
    io,
  });
  return { role, password, value, io, store, job };
}

describe.skipIf(!clusterUp)('postgres provider against a cluster with password authentication', () => {
  const c = (): ScramCluster => cluster as ScramCluster;

  it('the cluster refuses a wrong password (so the tests below prove something)', async () => {
    expect(await login(c().adminUrl.replace(/:[^:@/]+@/, ':wrong@'))).toBe('refused');
  });

  it('rotates: the new password works, the old one is refused, the rest of the URL is kept', async () => {
    const { password, value, store, job, role } = await roleJob(c().adminUrl, c().port);
    await rotateEntry(await job());
    const stored = store.get('DATABASE_URL')!;
    expect(stored.value).not.toBe(value);
    expect(stored.value.replace(/:[A-Za-z0-9]{32}@/, ':X@')).toBe(value.replace(`:${password}@`, ':X@'));
    expect(await login(stored.value)).toBe('accepted');
    expect(await login(value)).toBe('refused');
    const { rows } = await sql(c().adminUrl, `SELECT rolpassword FROM pg_authid WHERE rolname = '${role}'`);
    expect(rows[0].rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
  });

  it('fails cleanly when the database refuses the change (admin without CREATEROLE)', async () => {
    const weak = throwawayName('unleak_weak');
    const weakPassword = randomBytes(15).toString('base64url');
    await sql(c().adminUrl, `CREATE ROLE ${weak} LOGIN PASSWORD '${weakPassword}'`);
    const weakUrl = `postgres://${weak}:${weakPassword}@127.0.0.1:${c().port}/postgres`;
    const { value, store, job } = await roleJob(c().adminUrl, c().port);
    const j = await job();
    j.io.env.UNLEAK_POSTGRES_ADMIN_URL = weakUrl;
    const error = (await rotateEntry(j).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'UNLEAK_ROTATION_PROVIDER_FAILED', step: 'create' });
    expect(error.message).toMatch(/permission denied|must have CREATEROLE|privilege/i);
    expect(store.get('DATABASE_URL')?.value).toBe(value);
    expect(await login(value)).toBe('accepted');
  });

  it('rolls back when the new password does not work (the role may not log in)', async () => {
    const { role, value, store, job } = await roleJob(c().adminUrl, c().port);
    await sql(c().adminUrl, `ALTER ROLE ${role} NOLOGIN`);
    await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_TEST_FAILED', step: 'test' });
    expect(store.get('DATABASE_URL')?.value).toBe(value);
    await sql(c().adminUrl, `ALTER ROLE ${role} LOGIN`);
    expect(await login(value)).toBe('accepted');
  });

  it('fails at create for a role that does not exist', async () => {
    const { role, store, job } = await roleJob(c().adminUrl, c().port);
    await sql(c().adminUrl, `DROP ROLE ${role}`);
    await expect(rotateEntry(await job())).rejects.toMatchObject({ step: 'create' });
    expect(store.get('DATABASE_URL')).not.toHaveProperty('previous');
  });

  it('network drop after the change: both values kept, then --finish keeps the one that works', async () => {
    let proxy: TcpProxy | undefined;
    try {
      proxy = await startTcpProxy('127.0.0.1', c().port);
      const adminViaProxy = c().adminUrl.replace(`:${c().port}/`, `:${proxy.port}/`);
      const { value, store, job } = await roleJob(adminViaProxy, c().port, {}, proxy.port);
      const cutAfterStore = store.stage.bind(store);
      store.stage = async (...args) => {
        await cutAfterStore(...args);
        proxy?.cut();
      };
      const error = await rotateEntry(await job()).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'UNLEAK_ROTATION_ROLLBACK_FAILED' });
      const stored = store.get('DATABASE_URL')!;
      expect(stored.previous).toBe(value);
      const direct = (url: string): string => url.replace(`:${proxy?.port}/`, `:${c().port}/`);
      expect(await login(direct(stored.value))).toBe('accepted');
      expect(await login(direct(value))).toBe('refused');
      proxy.restore();
      expect(await finishEntry(await job(), { now: true })).toMatchObject({ status: 'committed' });
      expect(store.get('DATABASE_URL')).not.toHaveProperty('previous');
    } finally {
      await proxy?.close();
    }
  });

  it('network drop between test and revoke: rolled back through a fresh connection', async () => {
    let proxy: TcpProxy | undefined;
    try {
      proxy = await startTcpProxy('127.0.0.1', c().port);
      const { value, store, job } = await roleJob(c().adminUrl, c().port, {}, proxy.port);
      const audit = store.audit.bind(store);
      store.audit = async (events: RotationAuditEvent[]) => {
        await audit(events);
        if (events.some((event) => event.action === 'rotate-test')) proxy?.cut();
      };
      await expect(rotateEntry(await job())).rejects.toMatchObject({ step: 'revoke' });
      expect(store.get('DATABASE_URL')?.value).toBe(value);
      proxy.restore();
      expect(await login(value)).toBe('accepted');
    } finally {
      await proxy?.close();
    }
  });
});

const trustUp = await serviceAvailable('PostgreSQL', () => sql(serviceUrls.postgres, 'SELECT 1'));

describe.skipIf(!trustUp)('postgres provider against a server that trusts local connections', () => {
  it('notices that the old password is still accepted, and rolls back', async () => {
    const { role, value, store, job } = await roleJob(serviceUrls.postgres, Number(new URL(serviceUrls.postgres).port || 5432));
    try {
      const error = (await rotateEntry(await job()).catch((e: unknown) => e)) as Error;
      expect(error).toMatchObject({ code: 'UNLEAK_ROTATION_NOT_REVOKED', step: 'revoke' });
      expect(error.message).not.toContain(value.split(':')[2]?.split('@')[0]);
      expect(store.get('DATABASE_URL')?.value).toBe(value);
    } finally {
      await sql(serviceUrls.postgres, `DROP ROLE IF EXISTS ${role}`);
    }
  });

  it('fails with a hint when the configured admin URL variable is not set', async () => {
    const { role, job } = await roleJob(serviceUrls.postgres, 5432, { adminUrlEnv: 'PG_ADMIN_FOR_TEST' });
    try {
      const j = await job();
      j.io.env = {};
      await expect(rotateEntry(j)).rejects.toMatchObject({
        code: 'UNLEAK_ROTATION_CONFIG',
        hint: expect.stringContaining('PG_ADMIN_FOR_TEST'),
      });
      expect((await j.store.entries())[0]?.pending).toBeUndefined();
    } finally {
      await sql(serviceUrls.postgres, `DROP ROLE IF EXISTS ${role}`);
    }
  });
});
