import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, tempRepo, writeTree } from '../helpers/cli.js';
import { githubToken } from '../helpers/tokens.js';
import { cli, isolatedEnv } from '../cli/fix/fix-helpers.js';

/**
 * `unleak fix` scans as `unleak scan` does (src/scan's runScan), baseline included: a finding
 * accepted in `.unleak-baseline.json` (or the `--baseline` file) is not moved, a new one is.
 */

describe('unleak fix and the baseline', { timeout: 120_000 }, () => {
  it('leaves a finding of .unleak-baseline.json alone and fixes a new one; the re-scan proof passes', async () => {
    const accepted = githubToken();
    const fresh = githubToken();
    const repo = tempRepo({ 'src/legacy.js': `module.exports = { token: "${accepted}" };\n` });
    const env = isolatedEnv();
    const created = await cli(['baseline', 'create'], repo, env);
    expect(created.code, created.err).toBe(0);
    gitIn(repo, 'add', '-A');
    gitIn(repo, 'commit', '-qm', 'accept the legacy token');
    writeTree(repo, { 'src/client.js': `module.exports = { token: "${fresh}" };\n` });
    const legacyBefore = readFileSync(join(repo, 'src/legacy.js'), 'utf8');

    const scan = await cli(['scan', '.', '--format', 'json'], repo, env);
    expect(scan.code).toBe(1);
    expect((JSON.parse(scan.out) as { findings: { path: string }[] }).findings.map((f) => f.path)).toEqual(['src/client.js']);

    const fix = await cli(['fix', '--yes'], repo, env);
    expect(fix.code, fix.err).toBe(0);
    expect(fix.out).toContain('src/client.js');
    expect(fix.out).not.toContain('src/legacy.js');
    expect(fix.out).toContain('Re-scan: none of the 1 fixed finding');
    expect(`${fix.out}${fix.err}`.includes(accepted) || `${fix.out}${fix.err}`.includes(fresh)).toBe(false);
    expect(readFileSync(join(repo, 'src/client.js'), 'utf8')).toBe('module.exports = { token: process.env.GITHUB_TOKEN };\n');
    expect(readFileSync(join(repo, 'src/legacy.js'), 'utf8') === legacyBefore).toBe(true);
  });

  it('--baseline FILE is the baseline instead of .unleak-baseline.json', async () => {
    const accepted = githubToken();
    const repo = tempRepo({ 'src/legacy.js': `module.exports = { token: "${accepted}" };\n` });
    const env = isolatedEnv();
    const created = await cli(['baseline', 'create', '-o', 'accepted.json'], repo, env);
    expect(created.code, created.err).toBe(0);

    const withoutBaseline = await cli(['fix', '--dry-run'], repo, env);
    expect(withoutBaseline.code, withoutBaseline.err).toBe(0);
    expect(withoutBaseline.out).toContain('src/legacy.js');

    const withBaseline = await cli(['fix', '--dry-run', '--baseline', 'accepted.json'], repo, env);
    expect(withBaseline.code, withBaseline.err).toBe(0);
    expect(withBaseline.out).toContain('nothing to fix (no secrets found)');
  });
});
