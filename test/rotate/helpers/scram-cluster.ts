import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from './tcp-proxy.js';

/**
 * A throwaway PostgreSQL cluster that checks passwords (scram-sha-256 for every connection), for
 * the tests that prove an old password is refused: the machine's own server trusts every local
 * connection and would accept any password. initdb as the postgres user into a temp dir, pg_ctl
 * start on a free port, stop and delete afterwards.
 */
export interface ScramCluster {
  port: number;
  /** postgres://postgres:<generated>@127.0.0.1:<port>/postgres */
  adminUrl: string;
  stop(): Promise<void>;
}

function pgBin(): string {
  if (process.env.UNLEAK_TEST_PG_BIN) return process.env.UNLEAK_TEST_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (existsSync(join(root, version, 'bin', 'initdb'))) return join(root, version, 'bin');
  throw new Error('no PostgreSQL binaries (set UNLEAK_TEST_PG_BIN to the folder holding initdb and pg_ctl)');
}

/** Starts the cluster; throws when it cannot (not root, no binaries). */
export async function startScramCluster(): Promise<ScramCluster> {
  const bin = pgBin();
  if (process.getuid?.() !== 0) throw new Error('starting a private cluster needs root (to run initdb as the postgres user)');
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  const dir = mkdtempSync(join(tmpdir(), 'unleak-pg-'));
  chownSync(dir, uid, gid);
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  chownSync(pwfile, uid, gid);
  const asPostgres = (file: string, args: string[]): void =>
    void execFileSync('runuser', ['-u', 'postgres', '--', join(bin, file), ...args], { stdio: 'ignore', timeout: 60_000 });
  const data = join(dir, 'data');
  asPostgres('initdb', ['-N', '-A', 'scram-sha-256', '-U', 'postgres', '--pwfile', pwfile, '-D', data]);
  rmSync(pwfile);
  const port = await freePort();
  asPostgres('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  return {
    port,
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
