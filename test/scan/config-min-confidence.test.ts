import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultScanner } from '../../src/action/scan-runner.js';
import { runScan, type ScanRequest } from '../../src/scan/index.js';
import { gitIn, runCli, tempRepo, tempTree, writeTree } from '../helpers/cli.js';
import { githubToken, randomBase62 } from '../helpers/tokens.js';

/** `.unleak.yaml` `minConfidence`: one setting for the hook, CI and audits; `--min-confidence` wins. */

/** One finding of each confidence: a checksum-valid token (high), a generic API key (medium), a proximity guess (low). */
function eachConfidence(): string {
  return (
    [`GITHUB_TOKEN=${githubToken()}`, `API_KEY=${randomBase62(26)}aB3`, `[DEBUG] Using adzuna KEY=${randomBase62(26)}aB3`].join('\n') + '\n'
  );
}

describe('minConfidence in .unleak.yaml', { timeout: 60_000 }, () => {
  it('applies to every scan mode when no --min-confidence is given, and the flag wins', async () => {
    const text = eachConfidence();
    const repo = tempRepo({ '.unleak.yaml': 'minConfidence: high\n' });
    try {
      writeTree(repo, { 'app.env': text });
      gitIn(repo, 'add', '-A');
      gitIn(repo, 'commit', '-qm', 'second');
      const io = { cwd: repo, env: process.env };
      const requests: ScanRequest[] = [
        { kind: 'files' },
        { kind: 'stdin', path: 'app.env', read: () => Promise.resolve(text) },
        { kind: 'history', jobs: '1' },
        { kind: 'range', range: 'HEAD~1..HEAD' },
      ];
      for (const request of requests) {
        const high = await runScan(request, io);
        expect(
          high.findings.map((f) => f.confidence),
          request.kind,
        ).toEqual(['high']);
        expect(high.notes, request.kind).toContain('2 findings below high confidence not reported (--min-confidence low shows them)');
        const all = await runScan({ ...request, minConfidence: 'low' }, io);
        expect(all.findings.map((f) => f.confidence).sort(), request.kind).toEqual(['high', 'low', 'medium']);
      }
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('applies to the pre-commit scan (scan --staged), where a flag still wins', async () => {
    const repo = tempRepo({ '.unleak.yaml': 'minConfidence: medium\n', 'app.env': eachConfidence() }, { commit: false });
    try {
      gitIn(repo, 'add', '-A');
      const staged = await runCli(['scan', '--staged', '--format', 'json'], repo);
      expect(staged.code).toBe(1);
      expect((JSON.parse(staged.stdout) as { findings: { confidence: string }[] }).findings.map((f) => f.confidence)).toEqual([
        'high',
        'medium',
      ]);
      const flagged = await runCli(['scan', '--staged', '--format', 'json', '--min-confidence', 'low'], repo);
      expect((JSON.parse(flagged.stdout) as { findings: unknown[] }).findings).toHaveLength(3);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('passes a scan whose findings are all below the configured level', async () => {
    const tree = tempTree({ '.unleak.yaml': 'minConfidence: medium\n', 'app.log': `[DEBUG] Using adzuna KEY=${randomBase62(26)}aB3\n` });
    try {
      expect((await runCli(['scan', '.', '--no-git'], tree)).code).toBe(0);
      expect((await runCli(['scan', '.', '--no-git', '--min-confidence', 'low'], tree)).code).toBe(1);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('leaves every finding to the Action, which masks them all before its min-confidence input applies', async () => {
    const repo = tempRepo({ '.unleak.yaml': 'minConfidence: high\n', 'app.env': eachConfidence() });
    try {
      const options = { root: repo, config: undefined, baseline: undefined, env: process.env, output: () => undefined };
      expect((await defaultScanner({ kind: 'files', label: 'the files' }, options)).findings).toHaveLength(3);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('rejects a level that is not low, medium or high', async () => {
    const tree = tempTree({ '.unleak.yaml': 'minConfidence: certain\n', 'a.txt': 'a\n' });
    try {
      const run = await runCli(['scan', '.', '--no-git'], tree);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('UNLEAK_CONFIG_INVALID');
      expect(run.stderr).toContain('minConfidence');
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });
});
