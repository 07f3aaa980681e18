import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectPostgres, tryPgLogin } from '../../../src/rotate/providers/postgres-client.js';
import { startScramCluster, type ScramCluster } from '../../rotate/helpers/scram-cluster.js';
import { serviceAvailable, throwawayName } from '../../rotate/helpers/services.js';
import { rotateRepo } from './rotate-repo.js';

let cluster: ScramCluster | undefined;
const up = await serviceAvailable('PostgreSQL private cluster (initdb -A scram-sha-256)', async () => {
  cluster = await startScramCluster();
});
afterAll(async () => cluster?.stop());

describe.skipIf(!up)('unleak rotate against a real PostgreSQL with password authentication', () => {
  it('rotates a leaked DATABASE_URL end to end: status before, rotate, status after', async () => {
    const c = cluster as ScramCluster;
    const role = throwawayName('unleak_cli');
    const password = randomBytes(15).toString('base64url');
    const admin = new pg.Client({ connectionString: c.adminUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await admin.end();
    const value = `postgresql://${role}:${password}@127.0.0.1:${c.port}/postgres`;
    const repo = await rotateRepo([{ name: 'DATABASE_URL', value, meta: { leaked: true } }]);
    const before = await repo.cli(['status']);
    expect(before.stdout).toMatch(/DATABASE_URL\s+postgres \(detected\)\s+\S+\s+never\s+-\s+yes/);
    const run = await repo.cli(['rotate', '--all-leaked'], { env: { UNLEAK_POSTGRES_ADMIN_URL: c.adminUrl } });
    expect(run.stderr).toBe(
      `DATABASE_URL: saved the new value in the store as pending\nDATABASE_URL: created a new credential (postgres)\nDATABASE_URL: stored the new value (the old one kept as previous)\nDATABASE_URL: the new credential works\nDATABASE_URL: revoked the old credential\n` +
        `DATABASE_URL: verified: old credential refused (login refused (28P01) by 127.0.0.1:${c.port}); new credential live (login accepted by 127.0.0.1:${c.port})\n`,
    );
    expect(run.stdout).toBe('rotated   DATABASE_URL (postgres)\n');
    expect(run.code).toBe(0);
    const stored = (await repo.read()).get('DATABASE_URL')!;
    expect((await tryPgLogin(connectPostgres, stored.value, 5000)).outcome).toBe('accepted');
    expect((await tryPgLogin(connectPostgres, value, 5000)).outcome).toBe('refused');
    expect(stored.meta).toMatchObject({ leaked: false, provider: 'postgres' });
    const after = await repo.cli(['status']);
    // Aged in seconds since the rotation (the logins above take a second or more on a loaded machine).
    expect(after.stdout).toMatch(/DATABASE_URL\s+postgres\s+\d{1,2}s\s+\d{4}-\d\d-\d\d\s+-\s+no/);
  });
});
