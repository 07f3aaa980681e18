import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { githubToken } from '../helpers/tokens.js';
import { gitEnv, TestRepo } from '../git/git-fixture.js';

interface JsonReport {
  findings: { path: string; commit?: string }[];
  stats: { commitsScanned: number };
}

/** A repository with a secret in its second commit, and its `git clone --mirror` (bare). */
function mirrored(files: Record<string, string> = {}): { origin: TestRepo; bare: string; base: string; leak: string } {
  const origin = TestRepo.create().write({ 'readme.md': 'hi\n', ...files });
  const base = origin.commitAll('initial');
  origin.write({ 'deploy/creds.env': `TOKEN=${githubToken()}\n` });
  const leak = origin.commitAll('add credentials');
  const bare = join(mkdtempSync(join(tmpdir(), 'unleak-mirror-')), 'repo.git');
  origin.git('clone', '-q', '--mirror', origin.dir, bare);
  return { origin, bare, base, leak };
}

const scan = (dir: string, args: string[]) => runCli(['scan', ...args], dir, { env: gitEnv() });

describe('scans of a bare repository (git clone --mirror)', { timeout: 120_000 }, () => {
  it('--history and --range work without a work tree, from inside it or given as the folder', async () => {
    const { bare, base, leak } = mirrored();
    const history = await scan(bare, ['--history', '--format', 'json']);
    expect(history.code, history.stderr).toBe(1);
    const report = JSON.parse(history.stdout) as JsonReport;
    expect(report.findings).toEqual([expect.objectContaining({ path: 'deploy/creds.env', commit: leak })]);
    expect(report.stats.commitsScanned).toBe(2);
    const range = await scan(join(bare, 'refs'), ['--range', `${base}..${leak}`, '--format', 'json']);
    expect(range.code, range.stderr).toBe(1);
    expect((JSON.parse(range.stdout) as JsonReport).findings.map((f) => f.commit)).toEqual([leak]);
    const given = await scan(tmpdir(), ['--history', bare, '--quiet']);
    expect(given.code, given.stderr).toBe(1);
  });

  it("reads .unleak.yaml and .unleakignore from HEAD's tree, and says so", async () => {
    const { bare } = mirrored({ '.unleakignore': 'deploy/\n' });
    const ignored = await scan(bare, ['--history']);
    expect(ignored.code, ignored.stdout + ignored.stderr).toBe(0);
    expect(ignored.stdout).toContain(".unleakignore read from HEAD's tree");
    const { bare: configured } = mirrored({ '.unleak.yaml': 'disabledRules: [nope-no-such-rule]\n' });
    const broken = await scan(configured, ['--history']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('UNLEAK_CONFIG_INVALID');
    expect(broken.stderr).toContain('.unleak.yaml');
  });

  it('a working-tree or staged scan in a bare repository is a clear error, not a walk of the git folder', async () => {
    const { bare } = mirrored();
    for (const args of [[], ['--staged']]) {
      const run = await scan(bare, args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('UNLEAK_NO_WORK_TREE');
      expect(run.stderr).toContain('--history');
    }
  });
});
