import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { runCli } from '../helpers/cli.js';
import { githubToken } from '../helpers/tokens.js';
import { gitEnv, TestRepo } from '../git/git-fixture.js';
import { defaultScanner } from '../../src/action/scan-runner.js';

interface JsonReport {
  findings: { path: string; commit?: string }[];
  stats: { skippedUnreadable: number };
}

const scan = (repo: TestRepo, args: string[]) => runCli(['scan', ...args], repo.dir, { env: gitEnv() });
const json = (stdout: string) => JSON.parse(stdout) as JsonReport;

/** The loose object file of `oid` (tests commit loose objects only). */
const objectFile = (repo: TestRepo, oid: string) => join(repo.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2));

/** Replaces a loose object with one whose header reads but whose body stops half way: git dies mid-stream on it. */
function corrupt(repo: TestRepo, oid: string): void {
  const body = Buffer.from(randomBytes(3000).toString('hex'));
  const whole = deflateSync(Buffer.concat([Buffer.from(`blob ${body.length}\0`), body]));
  rmSync(objectFile(repo, oid), { force: true });
  writeFileSync(objectFile(repo, oid), whole.subarray(0, whole.length >> 1));
}

/** A repository with `count` files, each holding one secret, in one commit. */
function repoWithSecrets(count: number): { repo: TestRepo; blobs: string[]; base: string } {
  const repo = TestRepo.create().write({ 'readme.md': 'hi\n' });
  const base = repo.commitAll('initial');
  for (let i = 0; i < count; i++) repo.write({ [`conf/s${i}.env`]: `TOKEN_${i}=${githubToken()}\n` });
  repo.commitAll('add secrets');
  const blobs = Array.from({ length: count }, (_, i) => repo.git('rev-parse', `HEAD:conf/s${i}.env`).trim());
  return { repo, blobs, base };
}

/** A history scan of repoWithSecrets(`count`) whose blob `bad` cannot be read: exit 2 naming it; with --skip-unreadable every other secret found. */
async function expectOneUnreadable(repo: TestRepo, bad: number, count: number): Promise<void> {
  const failed = await scan(repo, ['--history']);
  expect(failed.code, failed.stderr).toBe(2);
  expect(failed.stderr).toContain('UNLEAK_UNREADABLE');
  expect(failed.stderr).toContain(`conf/s${bad}.env`);
  const skipped = await scan(repo, ['--history', '--skip-unreadable', '--format', 'json']);
  expect(skipped.code, skipped.stderr).toBe(1);
  const report = json(skipped.stdout);
  const others = Array.from({ length: count }, (_, i) => `conf/s${i}.env`).filter((path) => path !== `conf/s${bad}.env`);
  expect(report.findings.map((f) => f.path).sort()).toEqual(others);
  expect(report.stats.skippedUnreadable).toBe(1);
}

describe('content never read is never a clean pass', { timeout: 120_000 }, () => {
  it('--history and --range exit 2 (UNLEAK_UNREADABLE) on a blob missing from the object store; --skip-unreadable notes and counts it', async () => {
    const { repo, blobs, base } = repoWithSecrets(1);
    rmSync(objectFile(repo, blobs[0] as string));
    for (const mode of [['--history'], ['--range', `${base}..HEAD`]]) {
      const failed = await scan(repo, mode);
      expect(failed.code, mode.join(' ')).toBe(2);
      expect(failed.stderr).toContain('UNLEAK_UNREADABLE');
      expect(failed.stderr).toContain('conf/s0.env');
      expect(failed.stderr).toContain('--skip-unreadable');
    }
    const skipped = await scan(repo, ['--history', '--skip-unreadable', '--format', 'json']);
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(json(skipped.stdout).stats.skippedUnreadable).toBe(1);
    const text = await scan(repo, ['--history', '--skip-unreadable']);
    expect(text.stdout).toContain(`not scanned: blob ${(blobs[0] as string).slice(0, 12)} (conf/s0.env`);
    expect(text.stdout).toMatch(/1 skipped \(0 binary, 0 too large, 1 unreadable\)/);
  });

  it('the Action (same scan code) fails on a missing blob of the pushed range instead of passing', async () => {
    const { repo, blobs, base } = repoWithSecrets(1);
    rmSync(objectFile(repo, blobs[0] as string));
    const head = repo.git('rev-parse', 'HEAD').trim();
    const options = { root: repo.dir, config: undefined, baseline: undefined, env: gitEnv(), output: () => undefined };
    await expect(defaultScanner({ kind: 'range', base, head, label: 'push' }, options)).rejects.toMatchObject({
      code: 'UNLEAK_UNREADABLE',
      exitCode: 2,
    });
  });

  it('a corrupt blob that stops git mid-stream is unreadable too, and with --skip-unreadable every other blob is still scanned', async () => {
    const { repo, blobs } = repoWithSecrets(6);
    corrupt(repo, blobs[2] as string);
    await expectOneUnreadable(repo, 2, 6);
  });

  it('a blob whose data is damaged in a pack is unreadable too (read from the packs in this process)', async () => {
    const { repo, blobs } = repoWithSecrets(6);
    repo.git('repack', '-adq');
    const packDir = join(repo.dir, '.git', 'objects', 'pack');
    const pack = join(packDir, readdirSync(packDir).find((name) => name.endsWith('.pack')) as string);
    const index = repo.run('sh', ['-c', 'git show-index < "$1"', 'sh', pack.replace(/\.pack$/, '.idx')]).stdout;
    const offset = Number(
      index
        .split('\n')
        .find((line) => line.split(' ')[1] === blobs[3])
        ?.split(' ')[0],
    );
    const bytes = readFileSync(pack);
    // Past the object's header, into its zlib data.
    for (let i = offset + 4; i < offset + 12; i++) bytes[i] = (bytes[i] as number) ^ 0x5a;
    writeFileSync(pack, bytes, { mode: 0o644 });
    await expectOneUnreadable(repo, 3, 6);
  });

  it('scans a file whose name is not valid UTF-8, and reports it escaped (working tree, staged, history)', async () => {
    const repo = TestRepo.create();
    const name = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('.env')]);
    writeFileSync(Buffer.concat([Buffer.from(`${repo.dir}/`), name]), `TOKEN=${githubToken()}\n`);
    repo.git('add', '-A');
    const staged = await scan(repo, ['--staged', '--format', 'json']);
    expect(staged.code, staged.stderr).toBe(1);
    expect(json(staged.stdout).findings.map((f) => f.path)).toEqual(['caf\\xe9.env']);
    repo.commit('add a latin-1 named file');
    for (const args of [[], ['--history']]) {
      const run = await scan(repo, [...args, '--format', 'json']);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(1);
      expect(json(run.stdout).findings.map((f) => f.path)).toEqual(['caf\\xe9.env']);
    }
    const plain = await scan(repo, ['--no-git', '--format', 'json']);
    expect(json(plain.stdout).findings.map((f) => f.path)).toEqual(['caf\\xe9.env']);
  });

  it('a tracked file deleted from the work tree is not an error', async () => {
    const repo = TestRepo.create().write({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    repo.commitAll('two files');
    repo.remove('b.txt');
    const run = await scan(repo, ['--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
  });
});
