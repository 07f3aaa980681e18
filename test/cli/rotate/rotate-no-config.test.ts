import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { parseCredentialUrl } from '../../../src/rotate/credential-url.js';
import { connectMysql, tryMysqlLogin } from '../../../src/rotate/providers/mysql-client.js';
import { connectPostgres, tryPgLogin } from '../../../src/rotate/providers/postgres-client.js';
import { startScramCluster, type ScramCluster } from '../../rotate/helpers/scram-cluster.js';
import { serviceAvailable, serviceUrls, throwawayName } from '../../rotate/helpers/services.js';
import { rotateRepo } from './rotate-repo.js';

/**
 * Issue 11, item 6 (rotate side): `unleak fix --yes && unleak rotate --all-leaked` works with no
 * .unleak.yaml and no admin URL for connection strings: the provider comes from the URL scheme (or
 * the target `fix` recorded), the account changes its own password, the value keeps its shape,
 * and every entry holding the same credential changes with it.
 */

const noAdmin = { UNLEAK_POSTGRES_ADMIN_URL: undefined, UNLEAK_MYSQL_ADMIN_URL: undefined };
const pgWorks = async (url: string): Promise<boolean> => (await tryPgLogin(connectPostgres, url, 5000)).outcome === 'accepted';
const myWorks = async (url: string): Promise<boolean> => (await tryMysqlLogin(connectMysql, url, 5000)).outcome === 'accepted';

let cluster: ScramCluster | undefined;
const pgUp = await serviceAvailable('PostgreSQL private cluster (initdb -A scram-sha-256)', async () => {
  cluster = await startScramCluster();
});
const mysqlUp = await serviceAvailable('MariaDB/MySQL', async () => {
  const connection = await mysql.createConnection({ uri: serviceUrls.mysql });
  await connection.end();
});
const dropMysql: string[] = [];
afterAll(async () => {
  await cluster?.stop();
  if (!dropMysql.length) return;
  const connection = await mysql.createConnection({ uri: serviceUrls.mysql });
  for (const user of dropMysql) await connection.query('DROP USER IF EXISTS ?@?', [user, '%']);
  await connection.end();
});

async function pgRole(): Promise<{ role: string; password: string; port: number }> {
  const c = cluster as ScramCluster;
  const role = throwawayName('unleak_self');
  const password = randomBytes(15).toString('base64url');
  const admin = new pg.Client({ connectionString: c.adminUrl });
  await admin.connect();
  await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
  await admin.end();
  return { role, password, port: c.port };
}

describe.skipIf(!pgUp)('rotate --all-leaked with no config against a real PostgreSQL', () => {
  it('the role changes its own password; the URL keeps its shape; DB_PASSWORD holding the same password follows', async () => {
    const { role, password, port } = await pgRole();
    const url = `postgresql://${role}:${password}@127.0.0.1:${port}/postgres?application_name=app`;
    const target = { scheme: 'postgresql', host: '127.0.0.1', port, user: role, database: 'postgres' };
    const repo = await rotateRepo([
      { name: 'DATABASE_URL', value: url, meta: { leaked: true, target } },
      { name: 'DB_PASSWORD', value: password, meta: { leaked: true, target } },
    ]);
    const run = await repo.cli(['rotate', '--all-leaked'], { env: noAdmin });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('rotated   DATABASE_URL (postgres)\n');
    expect(run.stderr).toMatch(/also updated DB_PASSWORD \(same credential\)/);
    const store = await repo.read();
    const now = store.get('DATABASE_URL')!.value;
    const parsed = parseCredentialUrl(now)!;
    expect(now).toBe(url.replace(password, parsed.password!));
    expect(parsed.password).not.toBe(password);
    expect(store.get('DB_PASSWORD')!.value).toBe(parsed.password);
    expect(await pgWorks(now)).toBe(true);
    expect(await pgWorks(url)).toBe(false);
    for (const name of ['DATABASE_URL', 'DB_PASSWORD']) expect(store.get(name)!.meta).toMatchObject({ leaked: false, target });
  });

  it('a bare password rotates from the target `fix` recorded (no URL, no config)', async () => {
    const { role, password, port } = await pgRole();
    const target = { scheme: 'postgres', host: '127.0.0.1', port, user: role, database: 'postgres' };
    const repo = await rotateRepo([{ name: 'PGPASSWORD', value: password, meta: { leaked: true, target } }]);
    expect((await repo.cli(['status'])).stdout).toMatch(/PGPASSWORD\s+postgres \(detected\)/);
    const run = await repo.cli(['rotate', '--all-leaked'], { env: noAdmin });
    expect(run.code, run.stderr).toBe(0);
    const now = (await repo.read()).get('PGPASSWORD')!.value;
    expect(now).not.toBe(password);
    expect(await pgWorks(`postgres://${role}:${now}@127.0.0.1:${port}/postgres`)).toBe(true);
    expect(await pgWorks(`postgres://${role}:${password}@127.0.0.1:${port}/postgres`)).toBe(false);
  });
});

describe.skipIf(!pgUp)('rotate with a composed entry (a template `unleak fix` wrote over the password entry)', () => {
  it('--all-leaked rotates the password entry only; the template follows; naming the template says what to rotate', async () => {
    const { role, password, port } = await pgRole();
    const template = `postgresql://${role}:\${DB_PASSWORD}@127.0.0.1:${port}/postgres`;
    const target = { scheme: 'postgresql', host: '127.0.0.1', port, user: role, database: 'postgres' };
    const repo = await rotateRepo([
      { name: 'DB_PASSWORD', value: password, meta: { leaked: true, target } },
      { name: 'DATABASE_URL', value: template, meta: { leaked: true, composed: true } },
    ]);
    expect((await repo.cli(['status'])).stdout).toMatch(/DATABASE_URL\s+-.*composed of DB_PASSWORD: rotating those updates it/);
    const run = await repo.cli(['rotate', '--all-leaked'], { env: noAdmin });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('rotated   DB_PASSWORD (postgres)\n');
    const store = await repo.read();
    expect(store.get('DATABASE_URL')!.value).toBe(template);
    expect(store.get('DATABASE_URL')!.meta?.leaked, 'the template is no longer leaked once its password is rotated').toBe(false);
    expect(await pgWorks(template.replace('${DB_PASSWORD}', store.get('DB_PASSWORD')!.value))).toBe(true);
    const named = await repo.cli(['rotate', 'DATABASE_URL'], { env: noAdmin });
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/UNLEAK_ROTATION_COMPOSED: DATABASE_URL is composed of DB_PASSWORD/);
  });
});

describe.skipIf(!mysqlUp)('rotate --all-leaked with no config against a real MariaDB', () => {
  it('the account changes its own password (SET PASSWORD as itself); the URL keeps its shape', async () => {
    const user = throwawayName('unleak_self');
    const password = randomBytes(15).toString('base64url');
    const connection = await mysql.createConnection({ uri: serviceUrls.mysql });
    await connection.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', password]);
    await connection.end();
    dropMysql.push(user);
    const port = parseCredentialUrl(serviceUrls.mysql)?.port ?? 3306;
    const url = `mysql://${user}:${password}@127.0.0.1:${port}/?connectTimeout=5000`;
    const repo = await rotateRepo([{ name: 'MYSQL_URL', value: url, meta: { leaked: true } }]);
    const run = await repo.cli(['rotate', '--all-leaked'], { env: noAdmin });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('rotated   MYSQL_URL (mysql)\n');
    const now = (await repo.read()).get('MYSQL_URL')!.value;
    const fresh = parseCredentialUrl(now)!.password!;
    expect(now).toBe(url.replace(password, fresh));
    expect(await myWorks(now)).toBe(true);
    expect(await myWorks(url)).toBe(false);
  });
});
