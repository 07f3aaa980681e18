import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionUrlIn } from '../../src/verify/index.js';
import { runCli, tempRepo } from '../helpers/cli.js';
import { isolatedGitConfigEnv } from '../helpers/git-config.js';
import { serviceAvailable, serviceUrls, tcpOpen, throwawayName } from '../rotate/helpers/services.js';

/**
 * Connection-string rules report the password alone; verification rebuilds the whole URL from
 * the finding's line (the masked snippet during a scan, the file's line for `verify --report`)
 * and refuses when that is ambiguous or cut off.
 */

const secret = () => randomBytes(12).toString('base64url');

describe('rebuilding the connection string around a password', () => {
  it('puts the password back into the one URL on the line, with port, path and query', () => {
    const pw = secret();
    expect(connectionUrlIn('DATABASE_URL="postgresql+psycopg2://app:…@db.example.com:6432/shop?sslmode=require" # prod', '…', pw)).toBe(
      `postgresql+psycopg2://app:${pw}@db.example.com:6432/shop?sslmode=require`,
    );
  });

  it('gives up when two URLs could hold the password, or the host may be cut off', () => {
    expect(connectionUrlIn('A=redis://:…@a.example B=redis://:…@b.example', '…', secret())).toBeUndefined();
    expect(connectionUrlIn('URL=postgres://app:…@db.exa…', '…', secret())).toBeUndefined();
  });
});

const target = new URL(serviceUrls.mysql);
const mysqlUp = await serviceAvailable('MariaDB', () => tcpOpen(target.hostname, Number(target.port)));

describe.runIf(mysqlUp)('scan --verify on a mysql:// connection string (real MariaDB)', () => {
  const user = throwawayName('unleak_cs');
  const password = secret();
  let root: mysql.Connection;
  let repo: string;
  const env = isolatedGitConfigEnv();
  beforeAll(async () => {
    root = await mysql.createConnection({ uri: serviceUrls.mysql });
    await root.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', password]);
    repo = tempRepo({
      'app.env': `DATABASE_URL=mysql://${user}:${password}@${target.hostname}:${target.port}/\nOLD_URL=mysql://${user}:${secret()}@${target.hostname}:${target.port}/\n`,
    });
  });
  afterAll(async () => {
    await root?.query('DROP USER IF EXISTS ?@?', [user, '%']).catch(() => undefined);
    await root?.end();
  });
  const statuses = (stdout: string) =>
    (JSON.parse(stdout) as { findings: Array<{ line: number; verification: { status: string; reason: string } }> }).findings.map((f) => [
      f.line,
      f.verification.status,
      f.verification.reason,
    ]);
  const at = `${target.hostname}:${target.port}`;

  it('does not connect to a loopback database without --verify-private', async () => {
    const run = await runCli(['scan', '--verify', '--format', 'json', '.'], repo, { env });
    expect(statuses(run.stdout)).toEqual([
      [1, 'unknown', `private address for ${target.hostname}: not verified without --verify-private`],
      [2, 'unknown', `private address for ${target.hostname}: not verified without --verify-private`],
    ]);
  });

  it('with --verify-private: the working password is live, the old one revoked', async () => {
    const run = await runCli(['scan', '--verify', '--verify-private', '--format', 'json', '.'], repo, { env });
    expect(statuses(run.stdout)).toEqual([
      [1, 'live', `login accepted by ${at}`],
      [2, 'revoked', `login refused (1045) by ${at}`],
    ]);
    expect(run.stdout + run.stderr).not.toContain(password);
  });

  it('verify --report rebuilds the URL from the file line (the report has no snippet)', async () => {
    await runCli(['scan', '--format', 'json', '--reveal', '-o', 'report-cs.json', '.'], repo, { env });
    const run = await runCli(['verify', '--report', 'report-cs.json', '--verify-private', '--only-verified', '--format', 'json'], repo, {
      env,
    });
    expect(run.code).toBe(1);
    expect(statuses(run.stdout)).toEqual([[1, 'live', `login accepted by ${at}`]]);
  });
});
