import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { runCli, tempTree } from '../helpers/cli.js';
import { githubToken, randomBase62 } from '../helpers/tokens.js';

/** A tree with one finding of each confidence: a checksum-valid token, a generic API key, a proximity guess. */
function treeOfEachConfidence(): string {
  return tempTree({
    'config/app.env': [
      `GITHUB_TOKEN=${githubToken()}`,
      `API_KEY=${randomBase62(26)}aB3`,
      `[DEBUG] Using adzuna KEY=${randomBase62(26)}aB3`,
    ].join('\n'),
  });
}

interface JsonFinding {
  ruleId: string;
  confidence: string;
}

async function jsonScan(tree: string, extra: string[]): Promise<{ code: number; findings: JsonFinding[] }> {
  const run = await runCli(['scan', '.', '--no-git', '--format', 'json', ...extra], tree);
  return { code: run.code, findings: (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings };
}

describe('scan --min-confidence', () => {
  it('reports every confidence by default, each finding with its confidence', async () => {
    const tree = treeOfEachConfidence();
    try {
      const { code, findings } = await jsonScan(tree, []);
      expect(code).toBe(1);
      expect(findings.map((f) => [f.ruleId, f.confidence])).toEqual([
        ['github-classic-pat', 'high'],
        ['generic-api-key', 'medium'],
        ['generic-vendor-key', 'low'],
      ]);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('leaves out what is below the minimum, and says how many in the text report', async () => {
    const tree = treeOfEachConfidence();
    try {
      expect((await jsonScan(tree, ['--min-confidence', 'medium'])).findings.map((f) => f.confidence)).toEqual(['high', 'medium']);
      expect((await jsonScan(tree, ['--min-confidence', 'high'])).findings.map((f) => f.ruleId)).toEqual(['github-classic-pat']);
      const text = await runCli(['scan', '.', '--no-git', '--min-confidence', 'high'], tree);
      expect(text.stdout).toContain('(github-classic-pat, high confidence)');
      expect(text.stdout).toContain('2 findings below high confidence not reported');
      expect(text.stdout).toMatch(/1 secret found/);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('exits 0 when every finding is below the minimum', async () => {
    const tree = tempTree({ 'app.log': `[DEBUG] Using adzuna KEY=${randomBase62(26)}aB3\n` });
    try {
      expect((await jsonScan(tree, ['--min-confidence', 'medium'])).code).toBe(0);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('puts the confidence in SARIF properties, with a rank, and a low guess as a note', async () => {
    const tree = treeOfEachConfidence();
    try {
      const run = await runCli(['scan', '.', '--no-git', '--format', 'sarif'], tree);
      const results = (
        JSON.parse(run.stdout) as {
          runs: { results: { ruleId: string; level: string; rank: number; properties: { confidence: string } }[] }[];
        }
      ).runs[0]!.results;
      const byRule = Object.fromEntries(results.map((r) => [r.ruleId, r]));
      expect(byRule['github-classic-pat']).toMatchObject({ rank: 90, properties: { confidence: 'high' } });
      expect(byRule['generic-api-key']).toMatchObject({ rank: 60, level: 'warning', properties: { confidence: 'medium' } });
      expect(byRule['generic-vendor-key']).toMatchObject({ rank: 30, level: 'note', properties: { confidence: 'low' } });
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('rejects an unknown level with exit 2', async () => {
    const tree = tempTree({ 'a.txt': 'nothing\n' });
    try {
      const run = await runCli(['scan', '.', '--no-git', '--min-confidence', 'certain'], tree);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/min-confidence/);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });
});
