import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { githubToken } from '../../helpers/tokens.js';
import { rotateRepo } from './rotate-repo.js';

const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString();

async function repoWithEverything() {
  const pgPassword = randomBytes(12).toString('hex');
  const pending = randomBytes(12).toString('hex');
  const repo = await rotateRepo(
    [
      { name: 'DATABASE_URL', value: `postgres://app:${pgPassword}@db.internal:5432/app`, meta: { createdAt: daysAgo(10) } },
      {
        name: 'GITHUB_TOKEN',
        value: githubToken(),
        meta: { createdAt: daysAgo(200), rotatedAt: daysAgo(120), leaked: true, provider: 'github' },
      },
      { name: 'LOCAL_SALT', value: randomBytes(12).toString('hex'), meta: { createdAt: daysAgo(3) } },
      { name: 'SCRIPTED', value: pending, meta: { createdAt: daysAgo(1) } },
    ],
    'maxAge: 90d\nrotation:\n  grace: 1h\n  secrets:\n    SCRIPTED:\n      provider: command\n      command: [./tools/x.sh]\n      maxAge: 12h\n',
  );
  return { repo, pgPassword };
}

describe('unleak status', () => {
  it('shows provider, age, last rotation, due and leaked for every entry, never a value', async () => {
    const { repo, pgPassword } = await repoWithEverything();
    const run = await repo.cli(['status']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+PROVIDER\s+AGE\s+LAST ROTATION\s+DUE\s+LEAKED\s+NOTE$/);
    expect(lines[1]).toMatch(/^DATABASE_URL\s+postgres \(detected\)\s+10d\s+never\s+no\s+no$/);
    expect(lines[2]).toMatch(/^GITHUB_TOKEN\s+github\s+120d\s+\d{4}-\d\d-\d\d\s+yes \(max 90d\)\s+yes$/);
    expect(lines[3]).toMatch(/^LOCAL_SALT\s+-\s+3d\s+never\s+no\s+no\s+no provider recognises it/);
    expect(lines[4]).toMatch(/^SCRIPTED\s+command\s+1d\s+never\s+yes \(max 12h\)\s+no$/);
    expect(run.stdout).not.toContain(pgPassword);
  });

  it('prints JSON, and --check exits 1 when something is leaked or due', async () => {
    const { repo } = await repoWithEverything();
    const run = await repo.cli(['status', '--json', '--check']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { version: number; entries: Array<Record<string, unknown>> };
    expect(report.version).toBe(1);
    expect(
      report.entries.map((entry) => [entry.name, entry.provider, entry.providerSource, entry.due, entry.leaked, entry.pending]),
    ).toEqual([
      ['DATABASE_URL', 'postgres', 'detected', false, false, false],
      ['GITHUB_TOKEN', 'github', 'store', true, true, false],
      ['LOCAL_SALT', null, null, false, false, false],
      ['SCRIPTED', 'command', 'config', true, false, false],
    ]);
    expect(report.entries[1]).toMatchObject({ maxAgeSeconds: 90 * 86_400, ageSeconds: expect.any(Number) });
  });

  it('--check exits 0 when nothing needs rotating, and an empty store says so', async () => {
    const repo = await rotateRepo([{ name: 'FRESH', value: randomBytes(8).toString('hex') }], 'maxAge: 90d\n');
    expect((await repo.cli(['status', '--check'])).code).toBe(0);
    const empty = await rotateRepo([]);
    const run = await empty.cli(['status']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/The store is empty/);
  });

  it('shows "-" for due when no maxAge is configured', async () => {
    const repo = await rotateRepo([{ name: 'X', value: randomBytes(8).toString('hex') }]);
    expect((await repo.cli(['status'])).stdout).toMatch(/^X\s+-\s+0s\s+never\s+-\s+no/m);
  });
});
