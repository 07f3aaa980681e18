import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyAuditTrail } from '../../../src/store/index.js';
import { githubToken } from '../../helpers/tokens.js';
import { bearer, startFakeServer, type FakeServer, type SeenRequest } from '../../rotate/helpers/fake-server.js';
import { rotateRepo } from './rotate-repo.js';

/**
 * `unleak rotate` of a GitHub token against a fake GitHub on 127.0.0.1 that serves both the
 * provider's calls (at its configured baseUrl) and the verifier's (UNLEAK_VERIFY_TEST_BASE_URL,
 * marked by the x-unleak-verify-host header), with `revokeWorks` deciding whether
 * POST /credentials/revoke really kills the token.
 */
function fakeGithub(old: string, fresh: string, revokeWorks: boolean) {
  const tokens = new Set([old, fresh]);
  const verifyCalls: SeenRequest[] = [];
  const handle = (request: SeenRequest) => {
    if (request.headers['x-unleak-verify-host'] !== undefined) {
      verifyCalls.push(request);
      expect(request.headers['x-unleak-verify-host']).toBe('api.github.com');
      expect(request.method).toBe('GET');
      expect(request.path).toBe('/user');
      expect(request.headers.authorization).toMatch(/^Bearer ghp_/);
      expect(request.headers.accept).toBe('application/vnd.github+json');
    }
    if (request.path === '/user')
      return tokens.has(bearer(request) ?? '')
        ? { status: 200, json: { login: 'octocat' } }
        : { status: 401, json: { message: 'Bad credentials' } };
    if (request.path === '/credentials/revoke') {
      if (revokeWorks) for (const token of (JSON.parse(request.body) as { credentials: string[] }).credentials) tokens.delete(token);
      return { status: 202, json: {} };
    }
    return { status: 404, json: {} };
  };
  return { tokens, verifyCalls, handle };
}

function auditOf(root: string, name: string): Array<{ action: string; detail?: string }> {
  return readFileSync(join(root, '.unleak', 'audit.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { action: string; secret?: string; detail?: string })
    .filter((entry) => entry.secret === name);
}

const detailOf = (root: string, action: string): string | undefined =>
  auditOf(root, 'GITHUB_TOKEN').find((entry) => entry.action === action)?.detail;

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(revokeWorks: boolean, checkRevoked = true) {
  const old = githubToken();
  const fresh = githubToken();
  const github = fakeGithub(old, fresh, revokeWorks);
  server = await startFakeServer(github.handle);
  const repo = await rotateRepo(
    [{ name: 'GITHUB_TOKEN', value: old, meta: { leaked: true, provider: 'github' } }],
    `providers:\n  github:\n    baseUrl: ${server.url}\n    revokeCheckDelayMs: 0\n    checkRevoked: ${checkRevoked}\n`,
  );
  return { old, fresh, github, repo, env: { UNLEAK_VERIFY_TEST_BASE_URL: server.url } };
}

describe('unleak rotate verifies a GitHub token rotation at the (fake) API', () => {
  it('records the old token refused (401) and the new one live (200) in the audit trail and status', async () => {
    const { old, fresh, github, repo, env } = await setup(true);
    const run = await repo.cli(['rotate', 'GITHUB_TOKEN'], { stdin: `${fresh}\n`, env });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'GITHUB_TOKEN: verified: old credential refused (401 from api.github.com); new credential live (200 from api.github.com)\n',
    );
    expect(github.verifyCalls.map((request) => bearer(request))).toEqual([old, fresh]);
    expect(detailOf(repo.root, 'rotate-verify-old')).toBe('status=revoked; reason=401 from api.github.com');
    expect(detailOf(repo.root, 'rotate-verify-new')).toBe('status=live; reason=200 from api.github.com');
    expect((await verifyAuditTrail(repo.root)).problems).toEqual([]);
    const status = await repo.cli(['status']);
    expect(status.stdout).toMatch(/GITHUB_TOKEN\s.*old revoked \(401 from api\.github\.com\), new live \(200 from api\.github\.com\)/);
    expect(`${run.stdout}${run.stderr}${status.stdout}`).not.toContain(fresh);
  });

  it('an old token still accepted after the revocation: a loud warning, an audit entry, exit 1, and the new value is kept', async () => {
    const { old, fresh, github, repo, env } = await setup(false, false);
    const run = await repo.cli(['rotate', 'GITHUB_TOKEN'], { stdin: `${fresh}\n`, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('rotated   GITHUB_TOKEN (github)\n');
    expect(run.stderr).toContain(
      'unleak: WARNING: GITHUB_TOKEN: the old (leaked) credential is STILL ACCEPTED by github after its revocation (200 from api.github.com).\n',
    );
    expect(run.stderr).toContain('hint: The new value is stored and kept.');
    expect(github.verifyCalls.filter((request) => bearer(request) === old)).toHaveLength(2);
    const entry = (await repo.read()).get('GITHUB_TOKEN')!;
    expect(entry.value).toBe(fresh);
    expect(entry.previous).toBeUndefined();
    expect(entry.meta?.lastVerification?.old).toEqual({ status: 'live', reason: '200 from api.github.com' });
    expect(detailOf(repo.root, 'rotate-verify-old')).toBe('status=live; reason=200 from api.github.com');
    expect(auditOf(repo.root, 'GITHUB_TOKEN').some((event) => event.action === 'rotate-rollback')).toBe(false);
    const check = await repo.cli(['status', '--check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('revoke by hand the old credentials still accepted');
    expect(check.stdout).toMatch(
      /GITHUB_TOKEN\s.*the old credential was still accepted after its revocation: revoke it at github by hand\s+\d{4}-\d\d-\d\d old live \(200 from api\.github\.com\)/,
    );
    const json = JSON.parse((await repo.cli(['status', '--json'])).stdout) as {
      entries: Array<{ oldStillLive: boolean; leaked: boolean }>;
    };
    expect(json.entries[0]).toMatchObject({ oldStillLive: true, leaked: false });
  });

  it('--no-verify checks nothing; a custom baseUrl outside tests is recorded unknown without asking the public host; scan --verify stores nothing', async () => {
    const quiet = await setup(true);
    const skipped = await quiet.repo.cli(['rotate', 'GITHUB_TOKEN', '--no-verify'], { stdin: `${quiet.fresh}\n`, env: quiet.env });
    expect(skipped.code).toBe(0);
    expect(quiet.github.verifyCalls).toHaveLength(0);
    expect(auditOf(quiet.repo.root, 'GITHUB_TOKEN').some((event) => event.action.startsWith('rotate-verif'))).toBe(false);
    await server?.close();

    const custom = await setup(true);
    const run = await custom.repo.cli(['rotate', 'GITHUB_TOKEN'], {
      stdin: `${custom.fresh}\n`,
      env: { UNLEAK_VERIFY_TEST_BASE_URL: undefined },
    });
    expect(run.code).toBe(0);
    expect(custom.github.verifyCalls).toHaveLength(0);
    expect(detailOf(custom.repo.root, 'rotate-verify-old')).toBe(
      'status=unknown; reason=github is configured with its own baseUrl (not verified)',
    );

    custom.repo.write('deploy.env', `GITHUB_TOKEN=${custom.fresh}\n`);
    const auditBefore = readFileSync(join(custom.repo.root, '.unleak', 'audit.jsonl'), 'utf8');
    const metaBefore = (await custom.repo.read()).get('GITHUB_TOKEN')?.meta;
    const scan = await custom.repo.cli(['scan', '--verify', 'deploy.env'], { env: custom.env });
    expect(scan.stdout).toContain('live');
    expect(custom.github.verifyCalls.length).toBeGreaterThan(0);
    expect(readFileSync(join(custom.repo.root, '.unleak', 'audit.jsonl'), 'utf8')).toBe(auditBefore);
    expect((await custom.repo.read()).get('GITHUB_TOKEN')?.meta).toEqual(metaBefore);
  });
});
