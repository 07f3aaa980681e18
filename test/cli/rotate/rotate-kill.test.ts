import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { parseCredentialUrl } from '../../../src/rotate/credential-url.js';
import { connectMysql, tryMysqlLogin } from '../../../src/rotate/providers/mysql-client.js';
import { connectPostgres, tryPgLogin } from '../../../src/rotate/providers/postgres-client.js';
import { startScramCluster, type ScramCluster } from '../../rotate/helpers/scram-cluster.js';
import { serviceAvailable, serviceUrls, throwawayName } from '../../rotate/helpers/services.js';
import { buildRotateCli, startCli } from './rotate-process.js';
import { rotateRepo } from './rotate-repo.js';

/**
 * Issue 11, item 1: a rotation can never lose a credential. The real CLI process is paused at each
 * step (UNLEAK_TEST_PAUSE_AT, honoured only with NODE_ENV=test) and then killed (SIGKILL) or asked
 * to stop (SIGTERM; SIGINT once, right after the provider change). Afterwards the store must hold
 * a working credential, `status` must show the unfinished rotation, and `rotate --finish` must
 * converge: one working value, the old one refused.
 */

const STEPS = ['pending-saved', 'provider-changed', 'staged', 'tested', 'revoked'] as const;
const SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT'] as const;
const CASES = STEPS.flatMap((step) => SIGNALS.map((signal) => [step, signal] as const)).filter(
  ([step, signal]) => signal !== 'SIGINT' || step === 'provider-changed',
);

/** A database account to rotate: its connection string, how to log in, and the env rotate needs. */
interface Account {
  value: string;
  works(url: string): Promise<boolean>;
  env: NodeJS.ProcessEnv;
}

let cluster: ScramCluster | undefined;
const pgUp = await serviceAvailable('PostgreSQL private cluster (initdb -A scram-sha-256)', async () => {
  cluster = await startScramCluster();
});
const mysqlUp = await serviceAvailable('MariaDB/MySQL', async () => {
  const connection = await mysql.createConnection({ uri: serviceUrls.mysql });
  await connection.end();
});

const mariadbUsers: string[] = [];
let cli = '';
let removeCli = (): void => undefined;
beforeAll(async () => {
  if (!pgUp && !mysqlUp) return;
  ({ cli, remove: removeCli } = await buildRotateCli());
}, 60_000);
afterAll(async () => {
  removeCli();
  if (mariadbUsers.length) {
    const connection = await mysql.createConnection({ uri: serviceUrls.mysql });
    for (const user of mariadbUsers) await connection.query('DROP USER IF EXISTS ?@?', [user, '%']);
    await connection.end();
  }
  await cluster?.stop();
});

async function postgresAccount(): Promise<Account> {
  const c = cluster as ScramCluster;
  const role = throwawayName('unleak_kill');
  const password = randomBytes(15).toString('base64url');
  const admin = new pg.Client({ connectionString: c.adminUrl });
  await admin.connect();
  await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
  await admin.end();
  return {
    value: `postgresql://${role}:${password}@127.0.0.1:${c.port}/postgres`,
    works: async (url) => (await tryPgLogin(connectPostgres, url, 5000)).outcome === 'accepted',
    env: { UNLEAK_POSTGRES_ADMIN_URL: c.adminUrl },
  };
}

async function mariadbAccount(): Promise<Account> {
  const user = throwawayName('unleak_kill');
  const password = randomBytes(15).toString('base64url');
  const connection = await mysql.createConnection({ uri: serviceUrls.mysql });
  await connection.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', password]);
  await connection.end();
  mariadbUsers.push(user);
  const port = parseCredentialUrl(serviceUrls.mysql)?.port ?? 3306;
  return {
    value: `mysql://${user}:${password}@127.0.0.1:${port}/?connectTimeout=5000`,
    works: async (url) => (await tryMysqlLogin(connectMysql, url, 5000)).outcome === 'accepted',
    env: { UNLEAK_MYSQL_ADMIN_URL: undefined },
  };
}

async function killAndRecover(account: Account, step: (typeof STEPS)[number], signal: (typeof SIGNALS)[number]): Promise<void> {
  const repo = await rotateRepo([{ name: 'DATABASE_URL', value: account.value, meta: { leaked: true } }]);
  const run = startCli(cli, ['rotate', 'DATABASE_URL'], repo.root, {
    ...repo.env,
    ...account.env,
    NODE_ENV: 'test',
    UNLEAK_TEST_PAUSE_AT: step,
  });
  await run.waitFor(`unleak: test pause at ${step}`);
  run.kill(signal);
  const ended = await run.exit;
  if (signal === 'SIGKILL') expect(ended.signal).toBe('SIGKILL');
  else if (step === 'revoked') expect(ended.code, ended.stderr).toBe(0);
  else
    expect({ code: ended.code, stderr: ended.stderr }).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('UNLEAK_ROTATION_INTERRUPTED'),
    });
  if (signal !== 'SIGKILL') expect(ended.stderr).toContain(`unleak: ${signal}: stopping after the current step`);

  const held = (await repo.read()).get('DATABASE_URL')!;
  const candidates = [held.value, held.pending, held.previous].filter((value): value is string => value !== undefined);
  const working = [];
  for (const candidate of candidates) if (await account.works(candidate)) working.push(candidate);
  expect(working.length, 'a credential that works is in the store').toBeGreaterThan(0);

  if (held.pending !== undefined) {
    const raw = readFileSync(join(repo.root, '.unleak', 'secrets.default.sops.json'), 'utf8');
    expect(raw).toMatch(/"DATABASE_URL\.pending": "ENC\[AES256_GCM,/);
    expect(raw).not.toContain(parseCredentialUrl(held.pending)!.password!);
  }
  const inRotation = held.pending !== undefined || held.previous !== undefined;
  const status = await repo.cli(['status', '--json']);
  expect(JSON.parse(status.stdout).entries[0]).toMatchObject({ name: 'DATABASE_URL', pending: inRotation });
  if (held.pending !== undefined && held.previous === undefined)
    expect((await repo.cli(['status'])).stdout).toMatch(/interrupted rotation: unleak rotate --finish DATABASE_URL/);

  const finish = await repo.cli(['rotate', '--finish', 'DATABASE_URL'], { env: account.env });
  expect(finish.code, finish.stderr).toBe(0);
  const after = (await repo.read()).get('DATABASE_URL')!;
  expect({ pending: after.pending ?? null, previous: after.previous ?? null }).toEqual({ pending: null, previous: null });
  expect(await account.works(after.value), 'the stored value works').toBe(true);
  if (after.value !== account.value) expect(await account.works(account.value), 'the old value is refused').toBe(false);
  const again = await repo.cli(['status', '--json']);
  expect(JSON.parse(again.stdout).entries[0]).toMatchObject({ pending: false, interrupted: false });
}

describe.skipIf(!pgUp)('killing `unleak rotate` at every step against a real PostgreSQL (scram-sha-256)', () => {
  it.each(CASES)(
    '%s, %s: a working credential stays in the store and --finish converges',
    async (step, signal) => {
      await killAndRecover(await postgresAccount(), step, signal);
    },
    60_000,
  );
});

describe.skipIf(!mysqlUp)('killing `unleak rotate` at every step against a real MariaDB (self-service, no admin URL)', () => {
  it.each(CASES)(
    '%s, %s: a working credential stays in the store and --finish converges',
    async (step, signal) => {
      await killAndRecover(await mariadbAccount(), step, signal);
    },
    60_000,
  );
});
