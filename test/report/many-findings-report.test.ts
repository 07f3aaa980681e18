import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/index.js';
import { reporters, snippetMasker, type ReportFormat, type ScanResult } from '../../src/report/index.js';

const SMALL = 20_000;
const GROWTH = 8;
/** Linear time grows ×8 with ×8 findings, quadratic ×64: the bound sits between (a busy machine adds noise). */
const MAX_RATIO = 24;
const FLOOR_MS = 5;

/** `count` findings in one file, one a line, each with a distinct 20-character value. */
function findingsOf(count: number): { text: string; findings: Finding[] } {
  const lines: string[] = [];
  const findings: Finding[] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const secret = `AKIA${i.toString(32).toUpperCase().padStart(16, 'Q')}`;
    const line = `key_${i}=${secret}`;
    const column = line.indexOf(secret) + 1;
    findings.push({
      ruleId: 'aws-access-key-id',
      title: 'AWS access key ID',
      severity: 'high',
      path: 'keys.env',
      line: i + 1,
      column,
      endLine: i + 1,
      endColumn: column + secret.length,
      start: start + column - 1,
      end: start + column - 1 + secret.length,
      secret,
      entropy: 3.5,
      validation: 'structure-valid',
      confidence: 'high',
      fingerprint: `aws-access-key-id:v2:${i.toString(16).padStart(32, '0')}`,
    });
    lines.push(line);
    start += line.length + 1;
  }
  const text = `${lines.join('\n')}\n`;
  const snippet = snippetMasker(text, findings);
  for (const finding of findings) finding.snippet = snippet(finding);
  return { text, findings };
}

function resultOf(findings: Finding[]): ScanResult {
  const stats = {
    mode: 'files' as const,
    filesScanned: 1,
    bytesScanned: 0,
    skippedBinary: 0,
    skippedTooLarge: 0,
    skippedUnreadable: 0,
    skippedOther: 0,
    rules: 1,
    findings: findings.length,
    suppressedByBaseline: 0,
    durationMs: 0,
  };
  return { findings, stats, rules: [], root: '/repo', notes: [], fingerprintSalt: 'file' };
}

function bestOfMs(runs: number, run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return Math.max(best, FLOOR_MS);
}

describe('reports of many findings in one file take time linear in the findings', () => {
  const small = findingsOf(SMALL);
  const large = findingsOf(SMALL * GROWTH);

  it.each<ReportFormat>(['text', 'json'])(
    '%s: ×8 findings cost under ×24 time',
    (format) => {
      const render = (findings: Finding[]) => reporters[format](resultOf(findings), { reveal: false, color: false, toolVersion: '0.0.0' });
      render(small.findings);
      const smallMs = bestOfMs(3, () => render(small.findings));
      const largeMs = bestOfMs(2, () => render(large.findings));
      expect(largeMs / smallMs, `${smallMs.toFixed(1)} ms → ${largeMs.toFixed(1)} ms`).toBeLessThan(MAX_RATIO);
    },
    120_000,
  );

  it('the text report lists every finding of the file under one heading, in order, values masked', () => {
    const report = reporters.text(resultOf(large.findings), { reveal: false, color: false, toolVersion: '0.0.0' });
    const lines = report.split('\n');
    expect(lines.filter((line) => line === 'keys.env')).toHaveLength(1);
    const rows = lines.filter((line) => line.includes('(aws-access-key-id, high confidence)'));
    expect(rows).toHaveLength(SMALL * GROWTH);
    expect(rows.at(-1)).toMatch(new RegExp(`^  ${SMALL * GROWTH}:`));
    expect(report).not.toContain(large.findings.at(-1)?.secret);
  }, 120_000);

  it("masks every snippet: the finding's value shows only in its redacted form", () => {
    const last = large.findings.at(-1) as Finding;
    expect(last.snippet).toBe(`key_${SMALL * GROWTH - 1}=AKIA…${last.secret.slice(-2)}`);
  });
});
