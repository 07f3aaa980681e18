import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { legacyFingerprint, SALT_FILE } from '../../src/filters/index.js';
import { gitIn, runCli, tempRepo, tempTree } from '../helpers/cli.js';
import { checksumToken, githubToken } from '../helpers/tokens.js';
import { gitEnv } from '../git/git-fixture.js';

interface JsonReport {
  findings: { ruleId: string; path: string; line: number; fingerprint: string; secretSha256?: string }[];
  stats: { suppressedByBaseline: number };
}
interface SarifLog {
  runs: { results: { partialFingerprints?: Record<string, string> }[] }[];
}

const json = async (cwd: string, args: string[] = ['scan', '.']) => {
  const run = await runCli([...args, '--format', 'json'], cwd, { env: gitEnv() });
  return { ...run, report: JSON.parse(run.stdout) as JsonReport };
};
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A baseline as unleak 0.1 wrote it: unkeyed fingerprints, no fingerprintKey. */
function legacyBaseline(entries: { ruleId: string; path: string; secret: string }[]): string {
  return JSON.stringify({
    version: 1,
    kind: 'unleak-baseline',
    createdAt: '2025-01-01T00:00:00.000Z',
    findings: entries.map((e) => ({
      fingerprint: legacyFingerprint(e.ruleId, e.path, e.secret),
      ruleId: e.ruleId,
      path: e.path,
      redacted: '…',
    })),
  });
}

describe('fingerprints in reports', { timeout: 120_000 }, () => {
  it('are keyed, stable across runs and clones, and never a plain hash of the secret; scans write nothing', async () => {
    const token = githubToken();
    const repo = tempRepo({ 'a.env': `TOKEN=${token}\n` });
    const first = await json(repo);
    const second = await json(repo);
    expect(first.report.findings[0]?.fingerprint).toMatch(/^github-classic-pat:v2:[0-9a-f]{32}$/);
    expect(second.report.findings[0]?.fingerprint).toBe(first.report.findings[0]?.fingerprint);
    expect(first.report.findings[0]?.fingerprint).not.toBe(legacyFingerprint('github-classic-pat', 'a.env', token));
    const clone = join(tempTree(), 'clone');
    gitIn(repo, 'clone', '-q', repo, clone);
    expect((await json(clone)).report.findings[0]?.fingerprint).toBe(first.report.findings[0]?.fingerprint);
    const sarif = await runCli(['scan', '.', '--format', 'sarif'], repo, { env: gitEnv() });
    const results = (JSON.parse(sarif.stdout) as SarifLog).runs[0]?.results ?? [];
    expect(results[0]?.partialFingerprints).toEqual({ 'unleakFingerprint/v2': first.report.findings[0]?.fingerprint });
    for (const output of [first.stdout, sarif.stdout]) expect(output).not.toContain(sha256(token));
    expect(gitIn(repo, 'status', '--porcelain')).toBe('');
    expect(existsSync(join(repo, '.unleak'))).toBe(false);
  });

  it('are the same in a history audit of a bare mirror as in the work tree, with or without a committed salt', async () => {
    const repo = tempRepo({ 'a.env': `TOKEN=${githubToken()}\n` });
    const printsOf = async (dir: string) => (await json(dir, ['scan', '--history'])).report.findings.map((f) => f.fingerprint);
    const mirrorOf = () => {
      const mirror = join(tempTree(), 'mirror.git');
      gitIn(repo, 'clone', '-q', '--mirror', repo, mirror);
      return mirror;
    };
    const derived = await printsOf(repo);
    expect(derived).toHaveLength(1);
    expect(await printsOf(mirrorOf())).toEqual(derived);
    expect((await runCli(['baseline', 'create', '-o', 'b.json'], repo, { env: gitEnv() })).code).toBe(0);
    writeFileSync(join(repo, SALT_FILE), `${'5a'.repeat(32)}\n`);
    gitIn(repo, 'add', SALT_FILE);
    gitIn(repo, 'commit', '-qm', 'fingerprint salt');
    const salted = await printsOf(repo);
    expect(salted).not.toEqual(derived);
    expect(await printsOf(mirrorOf())).toEqual(salted);
  });

  it('outside a repository are for one run only: SARIF leaves them out and the text report says so', async () => {
    const tree = tempTree({ 'a.env': `TOKEN=${githubToken()}\n` });
    const sarif = await runCli(['scan', '.', '--format', 'sarif', '--no-git'], tree);
    expect((JSON.parse(sarif.stdout) as SarifLog).runs[0]?.results[0]?.partialFingerprints).toBeUndefined();
    const text = await runCli(['scan', '.', '--no-git'], tree);
    expect(text.stdout).toContain('hold for this run only');
    expect(existsSync(join(tree, '.unleak'))).toBe(false);
  });
});

describe('baselines and the fingerprint salt', { timeout: 120_000 }, () => {
  it('a baseline written in the old unkeyed form still suppresses its findings: working tree, --staged, --history', async () => {
    const old = githubToken();
    const repo = tempRepo({ 'a.env': `OLD=${old}\n` });
    writeFileSync(join(repo, '.unleak-baseline.json'), legacyBaseline([{ ruleId: 'github-classic-pat', path: 'a.env', secret: old }]));
    const tree = await runCli(['scan', '.'], repo, { env: gitEnv() });
    expect(tree.code).toBe(0);
    expect(tree.stdout).toContain('1 in baseline');
    expect(tree.stdout).toContain('unleak baseline migrate');
    expect((await runCli(['scan', '--history'], repo, { env: gitEnv() })).code).toBe(0);
    writeFileSync(join(repo, 'a.env'), `# moved\nOLD=${old}\n`);
    gitIn(repo, 'add', 'a.env');
    expect((await runCli(['scan', '--staged', '--full-files'], repo, { env: gitEnv() })).code).toBe(0);
    const fresh = checksumToken('gho_');
    writeFileSync(join(repo, 'a.env'), `OLD=${old}\nNEW=${fresh}\n`);
    const { report } = await json(repo);
    expect(report.findings.map((f) => f.line)).toEqual([2]);
    expect(report.stats.suppressedByBaseline).toBe(1);
  });

  it('`baseline migrate` rewrites old entries in the keyed form, keeps those it cannot see, and they still suppress', async () => {
    const old = githubToken();
    const gone = githubToken();
    const repo = tempRepo({ 'a.env': `OLD=${old}\n` });
    const entries = [
      { ruleId: 'github-classic-pat', path: 'a.env', secret: old },
      { ruleId: 'github-classic-pat', path: 'deleted.env', secret: gone },
    ];
    writeFileSync(join(repo, '.unleak-baseline.json'), legacyBaseline(entries));
    const migrated = await runCli(['baseline', 'migrate'], repo, { env: gitEnv() });
    expect(migrated.code).toBe(0);
    expect(migrated.stderr).toContain('1 baseline entry migrated');
    const file = JSON.parse(readFileSync(join(repo, '.unleak-baseline.json'), 'utf8')) as {
      fingerprintKey: string;
      findings: { fingerprint: string }[];
    };
    expect(file.findings.map((f) => f.fingerprint)).toEqual([
      expect.stringMatching(/^github-classic-pat:v2:/),
      legacyFingerprint('github-classic-pat', 'deleted.env', gone),
    ]);
    expect(file.fingerprintKey).toMatch(/^[0-9a-f]{16}$/);
    expect(existsSync(join(repo, SALT_FILE))).toBe(true);
    const after = await runCli(['scan', '.'], repo, { env: gitEnv() });
    expect(after.code).toBe(0);
    expect(readFileSync(join(repo, '.unleak-baseline.json'), 'utf8')).not.toContain(old);
  });

  it("`baseline create` writes the salt with the repository's key (fingerprints do not change) and records the key", async () => {
    const token = githubToken();
    const repo = tempRepo({ 'a.env': `TOKEN=${token}\n` });
    const before = (await json(repo)).report.findings[0]?.fingerprint;
    const created = await runCli(['baseline', 'create'], repo, { env: gitEnv() });
    expect(created.code).toBe(0);
    expect(created.stderr).toContain('commit it with the baseline');
    expect(readFileSync(join(repo, SALT_FILE), 'utf8')).toMatch(/^[0-9a-f]{64}$/m);
    const baseline = JSON.parse(readFileSync(join(repo, '.unleak-baseline.json'), 'utf8')) as {
      fingerprintKey: string;
      findings: { fingerprint: string }[];
    };
    expect(baseline.findings.map((f) => f.fingerprint)).toEqual([before]);
    const again = await json(repo);
    expect(again.report.findings).toEqual([]);
    expect(again.report.stats.suppressedByBaseline).toBe(1);
  });

  it('`baseline create` outside a repository where no salt can be written is an error (exit 2), never a baseline that cannot match', async () => {
    const tree = tempTree({ '.unleak': 'a file where the folder would go\n', 'a.env': `TOKEN=${githubToken()}\n` });
    const run = await runCli(['baseline', 'create', '--no-git'], tree);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('UNLEAK_FINGERPRINT_SALT_UNWRITABLE');
    expect(existsSync(join(tree, '.unleak-baseline.json'))).toBe(false);
  });

  it('a baseline made with another salt does not match, and the report says why', async () => {
    const token = githubToken();
    const repo = tempRepo({ 'a.env': `TOKEN=${token}\n` });
    expect((await runCli(['baseline', 'create'], repo, { env: gitEnv() })).code).toBe(0);
    writeFileSync(join(repo, SALT_FILE), `${'0f'.repeat(32)}\n`);
    const run = await runCli(['scan', '.'], repo, { env: gitEnv() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('was made with another fingerprint salt');
  });

  it('a report without secretSha256 still feeds `unleak fix --report`', async () => {
    const token = githubToken();
    const repo = tempRepo({ 'a.js': `x("${token}");\n` });
    const scan = await runCli(['scan', '.', '--format', 'json', '-o', 'report.json'], repo, { env: gitEnv() });
    expect(scan.code).toBe(1);
    expect(readFileSync(join(repo, 'report.json'), 'utf8')).not.toContain('secretSha256');
    const plan = await runCli(['fix', '--report', 'report.json', '--dry-run'], repo, { env: gitEnv() });
    expect(plan.stderr).not.toContain('does not match');
    expect(plan.stdout).toContain('a.js');
  });
});
