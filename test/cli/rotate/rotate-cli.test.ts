import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { verifyAuditTrail } from '../../../src/store/index.js';
import { githubToken } from '../../helpers/tokens.js';
import { bearer, startFakeServer, type FakeServer } from '../../rotate/helpers/fake-server.js';
import { commandSystem, rotateRepo } from './rotate-repo.js';

const secret = (): string => randomBytes(16).toString('hex');

const commandConfig = (names: string[], extra = ''): string =>
  `rotation:\n${extra}  secrets:\n${names.map((name) => `    ${name}:\n      provider: command\n      command: [./tools/create.sh]\n      test: [./tools/test.sh]\n      revoke: [./tools/revoke.sh]\n      rollback: [./tools/rollback.sh]\n      passEnv: [SYSTEM_DIR]\n`).join('')}`;

describe('unleak rotate', () => {
  it('rotates one entry: the store holds a working new value, the old one is revoked, every step is audited, nothing is printed', async () => {
    const old = secret();
    const repo = await rotateRepo([{ name: 'API_TOKEN', value: old, meta: { leaked: true } }], commandConfig(['API_TOKEN']));
    const system = commandSystem(repo, [old]);
    const run = await repo.cli(['rotate', 'API_TOKEN']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('rotated   API_TOKEN (command)\n');
    const entry = (await repo.read()).get('API_TOKEN')!;
    expect(system.live()).toEqual([entry.value]);
    expect(entry.previous).toBeUndefined();
    expect(entry.meta).toMatchObject({ leaked: false, provider: 'command' });
    expect(repo.auditActions('API_TOKEN')).toEqual([
      'import',
      'rotate-start',
      'rotate-create',
      'rotate',
      'rotate-test',
      'rotate-revoke',
      'commit-rotation',
      'rotate-verify-old',
      'rotate-verify-new',
      'rotate-verification',
    ]);
    expect(entry.meta?.lastVerification).toMatchObject({
      old: { status: 'unknown', reason: 'no verifier' },
      current: { status: 'unknown', reason: 'no verifier' },
    });
    expect((await verifyAuditTrail(repo.root)).problems).toEqual([]);
    for (const text of [run.stdout, run.stderr]) {
      expect(text).not.toContain(entry.value);
      expect(text).not.toContain(old);
    }
  });

  it('rolls back and exits 2 when a step fails; the store holds the old value again', async () => {
    const old = secret();
    const repo = await rotateRepo(
      [{ name: 'API_TOKEN', value: old }],
      commandConfig(['API_TOKEN']).replace('test: [./tools/test.sh]', 'test: [./tools/fail.sh]'),
    );
    commandSystem(repo, [old]);
    const run = await repo.cli(['rotate', 'API_TOKEN']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('failed    API_TOKEN (command)\n');
    expect(run.stderr).toMatch(/unleak: error UNLEAK_ROTATION_PROVIDER_FAILED: command: the test script .* exited with code 9/);
    expect(run.stderr).toMatch(/rolled back: the old credential works again/);
    const entry = (await repo.read()).get('API_TOKEN')!;
    expect(entry.value).toBe(old);
    expect(entry.previous).toBeUndefined();
    expect(repo.auditActions('API_TOKEN')).toEqual([
      'import',
      'rotate-start',
      'rotate-create',
      'rotate',
      'rotate-failed',
      'rotate-rollback',
      'restore',
      'rotate-restore-meta',
    ]);
  });

  it('--all-leaked rotates every leaked entry, reports the one it cannot, and exits 2', async () => {
    const [a, b, c] = [secret(), secret(), secret()];
    const repo = await rotateRepo(
      [
        { name: 'A_TOKEN', value: a, meta: { leaked: true } },
        { name: 'B_TOKEN', value: b, meta: { leaked: false } },
        { name: 'C_TOKEN', value: c, meta: { leaked: true } },
        { name: 'MYSTERY', value: secret(), meta: { leaked: true } },
      ],
      commandConfig(['A_TOKEN', 'B_TOKEN', 'C_TOKEN']),
    );
    commandSystem(repo, [a, b, c]);
    const run = await repo.cli(['rotate', '--all-leaked']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('rotated   A_TOKEN (command)\nrotated   C_TOKEN (command)\nfailed    MYSTERY\n');
    expect(run.stderr).toMatch(/UNLEAK_ROTATION_NO_PROVIDER: MYSTERY: no provider recognises it/);
    const after = await repo.read();
    expect(after.get('B_TOKEN')?.value).toBe(b);
    expect(after.get('A_TOKEN')?.value).not.toBe(a);
  });

  it('--due rotates the entries older than maxAge', async () => {
    const [fresh, stale] = [secret(), secret()];
    const now = Date.now();
    const repo = await rotateRepo(
      [
        { name: 'FRESH', value: fresh, meta: { createdAt: new Date(now - 86_400_000).toISOString() } },
        { name: 'STALE', value: stale, meta: { createdAt: new Date(now - 100 * 86_400_000).toISOString() } },
      ],
      `maxAge: 90d\n${commandConfig(['FRESH', 'STALE'])}`,
    );
    commandSystem(repo, [fresh, stale]);
    const run = await repo.cli(['rotate', '--due']);
    expect(run.stdout).toBe('rotated   STALE (command)\n');
    expect((await repo.read()).get('FRESH')?.value).toBe(fresh);
  });

  it('--due without a maxAge is an error', async () => {
    const repo = await rotateRepo([{ name: 'X', value: secret() }], commandConfig(['X']));
    const run = await repo.cli(['rotate', '--due']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--due needs a maxAge/);
  });

  it('--dry-run prints the plan and changes nothing, not even the audit trail', async () => {
    const old = secret();
    const repo = await rotateRepo([{ name: 'API_TOKEN', value: old, meta: { leaked: true } }], commandConfig(['API_TOKEN']));
    const system = commandSystem(repo, [old]);
    const run = await repo.cli(['rotate', '--all-leaked', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^plan {6}API_TOKEN \(command\)\n {12}create: run \.\/tools\/create\.sh/);
    expect(run.stderr).toMatch(/Dry run: nothing was changed/);
    expect(system.live()).toEqual([old]);
    expect(repo.auditActions('API_TOKEN')).toEqual(['import']);
  });

  it('keeps the old credential through a grace period, then --finish revokes it', async () => {
    const old = secret();
    const repo = await rotateRepo(
      [{ name: 'API_TOKEN', value: old }],
      commandConfig(['API_TOKEN'], '  grace: 1h\n').replace(
        'rollback: [./tools/rollback.sh]',
        'rollback: [./tools/rollback.sh]\n      keepsOld: true',
      ),
    );
    const system = commandSystem(repo, [old]);
    const run = await repo.cli(['rotate', 'API_TOKEN']);
    expect(run.stdout).toMatch(
      /^rotated {3}API_TOKEN \(command\): the old credential stays valid until \S+; then run: unleak rotate --finish API_TOKEN\n$/,
    );
    expect(system.live()).toHaveLength(2);
    const waiting = await repo.cli(['rotate', '--finish']);
    expect(waiting.stdout).toMatch(/^waiting {3}API_TOKEN/);
    const done = await repo.cli(['rotate', '--finish', '--now']);
    expect(done.stdout).toBe('finished  API_TOKEN (command): the previous credential is revoked\n');
    const entry = (await repo.read()).get('API_TOKEN')!;
    expect(system.live()).toEqual([entry.value]);
    expect(entry.previous).toBeUndefined();
  });

  it('--grace 0 on the command line overrides the configured grace period', async () => {
    const old = secret();
    const repo = await rotateRepo(
      [{ name: 'API_TOKEN', value: old }],
      commandConfig(['API_TOKEN'], '  grace: 1h\n').replace(
        'rollback: [./tools/rollback.sh]',
        'rollback: [./tools/rollback.sh]\n      keepsOld: true',
      ),
    );
    const system = commandSystem(repo, [old]);
    expect((await repo.cli(['rotate', 'API_TOKEN', '--grace', '0'])).stdout).toBe('rotated   API_TOKEN (command)\n');
    expect(system.live()).toHaveLength(1);
  });

  it('reads a new GitHub token from stdin and revokes the old one at the (fake) API', async () => {
    const old = githubToken();
    const fresh = githubToken();
    const tokens = new Map([
      [old, 'octocat'],
      [fresh, 'octocat'],
    ]);
    const server: FakeServer = await startFakeServer((request) => {
      if (request.path === '/user')
        return tokens.has(bearer(request) ?? '')
          ? { status: 200, json: { login: 'octocat' } }
          : { status: 401, json: { message: 'Bad credentials' } };
      if (request.path === '/credentials/revoke') {
        for (const token of (JSON.parse(request.body) as { credentials: string[] }).credentials) tokens.delete(token);
        return { status: 202, json: {} };
      }
      return { status: 404, json: {} };
    });
    try {
      const repo = await rotateRepo(
        [{ name: 'GITHUB_TOKEN', value: old, meta: { leaked: true, provider: 'github' } }],
        `providers:\n  github:\n    baseUrl: ${server.url}\n    revokeCheckDelayMs: 0\n`,
      );
      const run = await repo.cli(['rotate', '--all-leaked'], { stdin: `${fresh}\n` });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('rotated   GITHUB_TOKEN (github)\n');
      expect(tokens.has(old)).toBe(false);
      expect((await repo.read()).get('GITHUB_TOKEN')?.value).toBe(fresh);
      expect(run.stdout + run.stderr).not.toContain(fresh);
    } finally {
      await server.close();
    }
  });

  it('loads a custom provider from a module path, and names the module when it cannot', async () => {
    const old = secret();
    const repo = await rotateRepo(
      [{ name: 'VAULT_TOKEN', value: old }],
      'providers:\n  vault:\n    module: ./tools/vault-provider.mjs\n    prefix: vt_\nrotation:\n  secrets:\n    VAULT_TOKEN:\n      provider: vault\n',
    );
    repo.write(
      'tools/vault-provider.mjs',
      `export default () => ({
  title: 'test vault',
  matches: () => false,
  async rotate(ctx) {
    const next = ctx.options.prefix + Math.random().toString(36).slice(2);
    return { newValue: next, test: async () => {}, commit: async () => {}, rollback: async () => {} };
  },
  async verify() {},
  async revokePrevious() {},
});
`,
    );
    const run = await repo.cli(['rotate', 'VAULT_TOKEN']);
    expect(run.stdout).toBe('rotated   VAULT_TOKEN (vault)\n');
    expect((await repo.read()).get('VAULT_TOKEN')?.value).toMatch(/^vt_/);
    repo.write('.unleak.yaml', 'providers:\n  vault:\n    module: ./tools/missing.mjs\n');
    const broken = await repo.cli(['rotate', 'VAULT_TOKEN']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(
      /UNLEAK_ROTATION_PROVIDER_LOAD: cannot load rotation provider "vault" from \.\/tools\/missing\.mjs: Cannot find module/,
    );
  });

  it('lists every config problem at once', async () => {
    const repo = await rotateRepo(
      [{ name: 'X', value: secret() }],
      'maxAge: soon\nproviders:\n  postgres:\n    adminUrlEnv: 5\n  nosuch: {}\nrotation:\n  grace: forever\n  secrets:\n    X:\n      provider: imaginary\n',
    );
    const run = await repo.cli(['rotate', 'X']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/UNLEAK_CONFIG_INVALID: 5 problems found/);
    expect(run.stderr).toMatch(/\(maxAge\): a duration/);
    expect(run.stderr).toMatch(/\(rotation\.grace\): a duration/);
    expect(run.stderr).toMatch(/\(providers\.postgres\.adminUrlEnv\)/);
    expect(run.stderr).toMatch(/\(providers\.nosuch\): unknown provider/);
    expect(run.stderr).toMatch(/\(rotation\.secrets\.X\.provider\): unknown provider "imaginary"/);
  });

  it('refuses usage mistakes', async () => {
    const repo = await rotateRepo([{ name: 'X', value: secret() }]);
    expect((await repo.cli(['rotate'])).stderr).toMatch(/say what to rotate/);
    expect((await repo.cli(['rotate', 'NOPE'])).stderr).toMatch(/no store entry named NOPE/);
    expect((await repo.cli(['rotate', 'X', '--now'])).stderr).toMatch(/--now only goes with --finish/);
    expect((await repo.cli(['rotate', 'X', '--grace', 'soon'])).stderr).toMatch(/not a duration/);
  });
});
