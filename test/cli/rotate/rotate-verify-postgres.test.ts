import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { verifyAuditTrail } from '../../../src/store/index.js';
import { connectPostgres, tryPgLogin } from '../../../src/rotate/providers/postgres-client.js';
import { startScramCluster, type ScramCluster } from '../../rotate/helpers/scram-cluster.js';
import { serviceAvailable, throwawayName } from '../../rotate/helpers/services.js';
import { rotateRepo } from './rotate-repo.js';

let cluster: ScramCluster | undefined;
const up = await serviceAvailable('PostgreSQL private cluster (initdb -A scram-sha-256)', async () => {
  cluster = await startScramCluster();
});
afterAll(async () => cluster?.stop());

/** The audit entries of one store entry, as written. */
function auditOf(root: string, name: string): Array<{ action: string; detail?: string }> {
  return readFileSync(join(root, '.unleak', 'audit.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { action: string; secret?: string; detail?: string })
    .filter((entry) => entry.secret === name);
}

describe.skipIf(!up)('unleak rotate verifies the rotation live against a real PostgreSQL (scram-sha-256)', () => {
  it('records the old password refused and the new one live on 127.0.0.1 (a private address, allowed for rotation), and status shows it', async () => {
    const c = cluster as ScramCluster;
    const role = throwawayName('unleak_verify');
    const password = randomBytes(15).toString('base64url');
    const admin = new pg.Client({ connectionString: c.adminUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await admin.end();
    const target = { host: '127.0.0.1', port: c.port, user: role, database: 'postgres', scheme: 'postgres' };
    const repo = await rotateRepo([{ name: 'DB_PASSWORD', value: password, meta: { leaked: true, provider: 'postgres', target } }]);

    const run = await repo.cli(['rotate', 'DB_PASSWORD'], { env: { UNLEAK_POSTGRES_ADMIN_URL: c.adminUrl } });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('rotated   DB_PASSWORD (postgres)\n');
    const where = `127.0.0.1:${c.port}`;
    expect(run.stderr).toContain(
      `DB_PASSWORD: verified: old credential refused (login refused (28P01) by ${where}); new credential live (login accepted by ${where})\n`,
    );
    expect(run.stderr).not.toContain('WARNING');

    const stored = (await repo.read()).get('DB_PASSWORD')!;
    const loginUrl = (pw: string): string => `postgres://${role}:${encodeURIComponent(pw)}@${where}/postgres`;
    expect((await tryPgLogin(connectPostgres, loginUrl(password), 5000)).outcome).toBe('refused');
    expect((await tryPgLogin(connectPostgres, loginUrl(stored.value), 5000)).outcome).toBe('accepted');

    const trail = auditOf(repo.root, 'DB_PASSWORD');
    expect(trail.map((entry) => entry.action).slice(-4)).toEqual([
      'commit-rotation',
      'rotate-verify-old',
      'rotate-verify-new',
      'rotate-verification',
    ]);
    expect(trail.find((entry) => entry.action === 'rotate-verify-old')?.detail).toBe(
      `status=revoked; reason=login refused (28P01) by ${where}`,
    );
    expect(trail.find((entry) => entry.action === 'rotate-verify-new')?.detail).toBe(`status=live; reason=login accepted by ${where}`);
    expect((await verifyAuditTrail(repo.root)).problems).toEqual([]);
    expect(stored.meta?.lastVerification).toMatchObject({ old: { status: 'revoked' }, current: { status: 'live' } });

    const text = await repo.cli(['status']);
    const [header, row] = text.stdout.trimEnd().split('\n');
    expect(header).toMatch(/\sNOTE\s+LAST VERIFICATION$/);
    expect(row).toMatch(
      new RegExp(
        `^DB_PASSWORD\\s.*\\d{4}-\\d\\d-\\d\\d old revoked \\(login refused \\(28P01\\) by 127\\.0\\.0\\.1:${c.port}\\), new live \\(login accepted by 127\\.0\\.0\\.1:${c.port}\\)$`,
      ),
    );
    const json = JSON.parse((await repo.cli(['status', '--json'])).stdout) as {
      entries: Array<{ name: string; lastVerification: unknown; oldStillLive: boolean }>;
    };
    expect(json.entries[0]).toMatchObject({
      name: 'DB_PASSWORD',
      oldStillLive: false,
      lastVerification: {
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        old: { status: 'revoked', reason: `login refused (28P01) by ${where}` },
        current: { status: 'live', reason: `login accepted by ${where}` },
      },
    });
    expect((await repo.cli(['status', '--check'])).code).toBe(0);
    for (const output of [run.stdout, run.stderr, text.stdout, readFileSync(join(repo.root, '.unleak', 'audit.jsonl'), 'utf8')]) {
      expect(output).not.toContain(password);
      expect(output).not.toContain(stored.value);
    }
  });
});
