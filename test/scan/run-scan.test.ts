import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runScan, scanWithSetup } from '../../src/scan/index.js';
import { tempRepo } from '../helpers/cli.js';
import { githubToken } from '../helpers/tokens.js';

/** src/scan's one entry point: every mode reads the same settings the same way. */

function writeBaseline(root: string, fingerprints: (string | undefined)[]): void {
  const findings = fingerprints.map((fingerprint) => ({ fingerprint: fingerprint as string }));
  writeFileSync(
    join(root, '.unleak-baseline.json'),
    JSON.stringify({ version: 1, kind: 'unleak-baseline', createdAt: '2026-01-01T00:00:00Z', findings }),
  );
}

describe('runScan', { timeout: 60_000 }, () => {
  it('applies .unleak-baseline.json at the root to every mode, stdin included, unless baseline is false', async () => {
    const token = githubToken();
    const repo = tempRepo({ 'app.env': `TOKEN=${token}\n` });
    const io = { cwd: repo, env: process.env };
    const read = () => Promise.resolve(`TOKEN=${token}\n`);
    const files = await runScan({ kind: 'files' }, io);
    const stdin = await runScan({ kind: 'stdin', path: 'app.env', read }, io);
    expect(files.findings.map((f) => f.path)).toEqual(['app.env']);
    expect(stdin.findings.map((f) => f.fingerprint)).toEqual(files.findings.map((f) => f.fingerprint));

    writeBaseline(repo, [files.findings[0]?.fingerprint]);
    for (const request of [{ kind: 'files' as const }, { kind: 'stdin' as const, path: 'app.env', read }, { kind: 'history' as const }]) {
      const result = await runScan(request, io);
      expect(result.findings, request.kind).toEqual([]);
      expect(result.stats.suppressedByBaseline, request.kind).toBe(1);
    }
    const everything = await scanWithSetup({ kind: 'files', baseline: false }, io);
    expect(everything.result.findings).toHaveLength(1);
    expect(everything.setup.maxFileSize).toBe(10 * 1024 * 1024);
  });

  it('fails on a bad config before it waits for stdin', async () => {
    const repo = tempRepo({ '.unleak.yaml': 'maxDecodeDepth: many\n' });
    const read = vi.fn(() => Promise.resolve(''));
    await expect(runScan({ kind: 'stdin', path: '<stdin>', read }, { cwd: repo, env: process.env })).rejects.toMatchObject({
      code: 'UNLEAK_CONFIG_INVALID',
      exitCode: 2,
    });
    expect(read).not.toHaveBeenCalled();
  });

  it('an empty request (nothing to scan) gives an empty range report that lists the rules', async () => {
    const repo = tempRepo({ 'a.txt': 'a\n' });
    const result = await runScan({ kind: 'none' }, { cwd: repo, env: process.env });
    expect(result.findings).toEqual([]);
    expect(result.stats).toMatchObject({ mode: 'range', commitsScanned: 0, findings: 0 });
    expect(result.rules.length).toBeGreaterThan(10);
    expect(result.stats.rules).toBe(result.rules.length);
  });
});
