import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, writeCorpus } from '../../scripts/accuracy/corpus.js';
import { score } from '../../scripts/accuracy/score.js';
import { runCli } from '../helpers/cli.js';

const fixtures = fileURLToPath(new URL('../../fixtures/accuracy/', import.meta.url));

describe('accuracy corpus', () => {
  it('has at least 400 labeled cases of both kinds', () => {
    const cases = buildCorpus(fixtures);
    expect(cases.length).toBeGreaterThanOrEqual(400);
    expect(cases.filter((c) => c.label === 'clean').length).toBeGreaterThanOrEqual(150);
  });

  it('meets the targets: recall >= 0.97, false-alarm rate <= 0.03', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unleak-accuracy-'));
    try {
      const cases = writeCorpus(buildCorpus(fixtures), dir);
      const { stdout } = await runCli(['scan', dir, '--no-git', '--format', 'json'], dir);
      const report = JSON.parse(stdout) as { findings: { path: string; line: number; endLine: number }[] };
      const result = score(
        cases,
        report.findings.map((f) => ({ folder: f.path.split('/')[0] as string, line: f.line, endLine: f.endLine })),
      );
      const detail = [
        ...result.misses.map((c) => `miss ${c.id}`),
        ...result.falseAlarms.map((c) => `false alarm ${c.id}: ${c.text.split('\n')[0]}`),
      ].join('\n');
      expect(result.recall, detail).toBeGreaterThanOrEqual(0.97);
      expect(result.falseAlarmRate, detail).toBeLessThanOrEqual(0.03);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
