import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/index.js';
import { addedLines, newFindings } from '../../src/scan/novelty.js';
import { ProgressBar } from '../../src/scan/progress.js';
import { segmentsOf } from '../../src/scan/worker-pool.js';
import type { BlobTask } from '../../src/scan/blob-scan.js';
import { attribute, type Candidate } from '../../src/scan/attribution.js';

const finding = (line: number, secret: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'r',
  title: 'R',
  severity: 'high',
  path: 'p',
  line,
  column: 1,
  endLine: line,
  endColumn: 2,
  start: 0,
  end: 1,
  secret,
  entropy: 4,
  validation: 'none',
  ...extra,
});

describe('novelty of staged and range findings', () => {
  it('finds the lines of the new text that the old one does not have', () => {
    expect([...addedLines('a\nb\nc\n', 'a\nx\nb\nc\r\ny\n')]).toEqual([2, 5]);
  });

  it('keeps findings on added lines whose secret the old text did not hold', () => {
    const old = 'a\nkey=S1\n';
    const next = 'a\nkey=S1 changed\nnew=S2\n';
    expect(newFindings([finding(2, 'S1'), finding(3, 'S2')], old, next).map((f) => f.secret)).toEqual(['S2']);
    expect(newFindings([finding(1, 'S3', { endLine: 3 })], 'x\ny\n', 'x\ny\nS3\n')).toHaveLength(1);
    expect(newFindings([finding(1, 'S1')], undefined, 'S1')).toHaveLength(1);
  });
});

describe('history helpers', () => {
  it('draws a progress line with blobs, bytes, rate and ETA', () => {
    let t = 0;
    const out: string[] = [];
    const bar = new ProgressBar(
      (text) => out.push(text),
      10,
      4 * 1024 * 1024,
      () => t,
    );
    t = 1000;
    bar.advance(5, 2 * 1024 * 1024);
    expect(bar.line(1000)).toBe('[############------------] 5/10 blobs, 2.0/4.0 MB, 2.0 MB/s, ETA 0:01');
    expect(out[0]).toContain('5/10 blobs');
    bar.finish();
    expect(out.at(-1)).toBe('\r\u001b[K');
  });

  it('cuts blobs into segments of similar size per job, each version of a file in the segment of its other versions, in pack order', () => {
    // Forty files of five versions each, in pack order newest version of every file first (as git writes packs).
    const tasks: BlobTask[] = [];
    for (let version = 5; version >= 1; version--)
      for (let file = 0; file < 40; file++)
        tasks.push({
          oid: `f${file}v${version}`,
          size: 100 + file * 10,
          paths: [`f${file}`],
          ...(version > 1 ? { base: `f${file}v${version - 1}` } : {}),
        });
    const segments = segmentsOf(tasks, 2);
    expect(segments).toHaveLength(2);
    expect(
      segments
        .flat()
        .map((t) => t.oid)
        .sort(),
    ).toEqual(tasks.map((t) => t.oid).sort());
    for (const segment of segments) {
      const order = segment.map((task) => tasks.indexOf(task));
      expect(order, 'pack order kept').toEqual([...order].sort((a, b) => a - b));
    }
    const fileSegments = (file: number) =>
      new Set(segments.map((segment, at) => (segment.some((t) => t.paths[0] === `f${file}`) ? at : -1)).filter((at) => at >= 0));
    for (let file = 0; file < 40; file++) expect(fileSegments(file).size, `versions of f${file} together`).toBe(1);
    const bytes = segments.map((segment) => segment.reduce((sum, task) => sum + task.size, 0));
    expect(Math.abs((bytes[0] as number) - (bytes[1] as number)) / (bytes[0] as number)).toBeLessThan(0.05);
    expect(segmentsOf(tasks, 1)).toEqual([tasks]);
  });

  it('attributes each fingerprint to its earliest commit and counts the other places of its secret', () => {
    const candidates: Candidate[] = [
      { commit: 3, place: 'b2\u0000p', finding: finding(5, 'S') },
      { commit: 1, place: 'b1\u0000p', finding: finding(9, 'S') },
      { commit: 2, place: 'b3\u0000q', finding: finding(1, 'S', { path: 'q' }) },
    ];
    const history = attribute(candidates, { perCommit: false });
    expect(history.map((f) => [f.path, f.line, f.otherOccurrences])).toEqual([
      ['p', 9, 2],
      ['q', 1, 2],
    ]);
    expect(attribute(candidates, { perCommit: true })).toHaveLength(3);
  });
});
