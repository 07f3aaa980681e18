import { describe, expect, it } from 'vitest';
import { ANNOTATIONS_PER_LEVEL, annotationCommands } from '../../src/action/annotations.js';
import { findingsSummary, errorSummary, SUMMARY_MAX_ROWS } from '../../src/action/job-summary.js';
import { UnleakError } from '../../src/errors.js';
import { makeFinding } from './helpers/findings.js';
import { fakeGithubToken } from './helpers/fake-token.js';
import { parseCommand } from './helpers/run-dist.js';

const stats = {
  mode: 'range' as const,
  filesScanned: 0,
  bytesScanned: 0,
  skippedBinary: 0,
  skippedTooLarge: 0,
  skippedUnreadable: 0,
  skippedOther: 0,
  commitsScanned: 4,
  rules: 1,
  findings: 0,
  suppressedByBaseline: 0,
  durationMs: 1,
};

describe('annotations', () => {
  it('annotate each finding with file, line, end line, columns and title', () => {
    const secret = fakeGithubToken();
    const [line] = annotationCommands([
      makeFinding(secret, { path: 'src/a,b.js', line: 4, column: 7, commit: 'c'.repeat(40), author: 'Mona' }),
    ]);
    const parsed = parseCommand(line!);
    expect(parsed.name).toBe('error');
    expect(parsed.properties).toEqual({
      title: 'unleak: GitHub personal access token (classic)',
      file: 'src/a,b.js',
      line: '4',
      endLine: '4',
      col: '7',
      endColumn: String(7 + secret.length),
    });
    expect(parsed.message).toContain('added in commit cccccccccccc by Mona');
    expect(line).not.toContain(secret);
  });
  it('keep within 10 errors and 10 warnings per step and count the rest instead of dropping them', () => {
    const findings = [
      ...Array.from({ length: 14 }, (_, i) => makeFinding(fakeGithubToken(), { path: `e${i}.txt`, line: 1 })),
      ...Array.from({ length: 3 }, (_, i) => makeFinding(fakeGithubToken(), { path: `w${i}.txt`, line: 1, severity: 'medium' })),
    ];
    const parsed = annotationCommands(findings).map(parseCommand);
    const errors = parsed.filter((c) => c.name === 'error');
    expect(errors).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(errors.slice(0, 9).map((c) => c.properties.file)).toEqual(Array.from({ length: 9 }, (_, i) => `e${i}.txt`));
    expect(errors[9]?.message).toMatch(/^5 more critical\/high findings not annotated .*job summary/);
    expect(parsed.filter((c) => c.name === 'warning')).toHaveLength(3);
  });
});

describe('job summary', () => {
  it('tables rule, file:line, commit, author and the redacted value, escaping what would break markdown', () => {
    const secret = fakeGithubToken();
    const md = findingsSummary({
      scanned: 'the commits a..b',
      findings: [makeFinding(secret, { path: 'docs/a|b.md', line: 9, commit: 'd'.repeat(40), author: 'Eve <script>|x' })],
      stats,
      repoUrl: 'https://github.com/o/r',
      sarifFile: 'unleak.sarif',
      baseline: undefined,
      notes: [],
    });
    expect(md).toContain('| Rule | File:line | Commit | Author | Value |');
    expect(md).toContain(`[<code>docs/a&#124;b.md:9</code>](https://github.com/o/r/blob/${'d'.repeat(40)}/docs/a%7Cb.md#L9)`);
    expect(md).toContain(`[<code>ddddddd</code>](https://github.com/o/r/commit/${'d'.repeat(40)})`);
    expect(md).toContain('<code>Eve &lt;script&gt;&#124;x</code>');
    expect(md).toContain(`<code>${secret.slice(0, 4)}…${secret.slice(-2)}</code>`);
    expect(md).toContain('Scanned the commits a..b · 4 commits.');
    expect(md).not.toContain(secret);
    for (const step of ['unleak fix', 'unleak:allow', 'unleak baseline create']) expect(md).toContain(step);
  });
  it('caps the table and points at the SARIF file for the rest', () => {
    const findings = Array.from({ length: SUMMARY_MAX_ROWS + 5 }, (_, i) => makeFinding(fakeGithubToken(), { path: `f${i}`, line: 1 }));
    const md = findingsSummary({
      scanned: 'x',
      findings,
      stats,
      repoUrl: undefined,
      sarifFile: 'unleak.sarif',
      baseline: undefined,
      notes: [],
    });
    expect(md).toContain('…and 5 more, listed in the SARIF report');
  });
  it('says a failed scan failed, with the hint', () => {
    const md = errorSummary(new UnleakError('UNLEAK_SHALLOW_CLONE', 'no base', { hint: 'Set `fetch-depth: 0`.' }), 'the commits a..b');
    expect(md).toContain('the scan failed');
    expect(md).toContain('Set `fetch-depth: 0`.');
    expect(md).toContain('not a pass');
  });
});
