import type { Finding } from '../engine/index.js';
import type { UnleakError } from '../errors.js';
import type { ScanStats } from '../report/index.js';
import { FINDING_COLUMNS, findingRow, type RepoUrl } from './finding-rows.js';
import { cell, code, table } from './markdown.js';

/** Rows past this go uncounted in the table (the step summary holds 1 MiB); the SARIF has them all. */
export const SUMMARY_MAX_ROWS = 250;

/** What the summary says about one run. */
export interface SummaryInput {
  /** What was scanned, in words. */
  scanned: string;
  findings: Finding[];
  stats: ScanStats;
  repoUrl: RepoUrl;
  sarifFile: string | undefined;
  baseline: string | undefined;
  /** Lines about side work: comments skipped, annotations summarised. */
  notes: string[];
}

/** What a user does about a finding: rotate, `unleak fix`, inline allow, baseline. */
export function nextSteps(baseline: string | undefined): string {
  return [
    '### What to do next',
    '',
    '1. **Rotate each secret at its provider first.** It has been pushed: removing it from the code, or even from history, does not make it safe again.',
    '2. **Move it out of the code**: run `unleak fix` in your clone. It stores the value encrypted in the repository and rewrites the code to read it from there.',
    `3. **Not a secret** (a test value, a public key)? Put \`unleak:allow\` in a comment on its line, or accept today's findings with \`unleak baseline create --output .unleak-baseline.json\`${baseline ? ` (this run used the baseline ${code(baseline)})` : ' and pass it as the `baseline` input'}.`,
    '',
  ].join('\n');
}

function scanLine(input: SummaryInput): string {
  const { stats } = input;
  const parts = [`Scanned ${cell(input.scanned)}`];
  if (stats.commitsScanned !== undefined) parts.push(`${stats.commitsScanned} commit${stats.commitsScanned === 1 ? '' : 's'}`);
  else parts.push(`${stats.filesScanned} file${stats.filesScanned === 1 ? '' : 's'}`);
  if (stats.suppressedByBaseline)
    parts.push(`${stats.suppressedByBaseline} finding${stats.suppressedByBaseline === 1 ? '' : 's'} accepted by the baseline`);
  return `${parts.join(' · ')}.`;
}

/** The job summary of a finished scan: a table of findings and what to do next, or a clean bill. */
export function findingsSummary(input: SummaryInput): string {
  const count = input.findings.length;
  const out = [
    count ? `## 🔑 unleak: ${count} secret${count === 1 ? '' : 's'} found` : '## ✅ unleak: no secrets found',
    '',
    scanLine(input),
    '',
  ];
  if (count) {
    const shown = input.findings.slice(0, SUMMARY_MAX_ROWS);
    out.push(
      table(
        FINDING_COLUMNS,
        shown.map((finding) => findingRow(finding, input.repoUrl)),
      ),
      '',
    );
    if (count > shown.length)
      out.push(`…and ${count - shown.length} more, listed in the SARIF report${input.sarifFile ? ` ${code(input.sarifFile)}` : ''}.`, '');
    out.push(nextSteps(input.baseline));
  }
  if (input.sarifFile)
    out.push(
      `The SARIF report is ${code(input.sarifFile)}; upload it with \`github/codeql-action/upload-sarif\` to see the findings under Security → Code scanning.`,
      '',
    );
  for (const note of input.notes) out.push(`> ${cell(note)}`, '');
  return out.join('\n');
}

/** The job summary when the scan could not run: the error, its hint, and that nothing passed. */
export function errorSummary(error: UnleakError, scanned: string | undefined): string {
  return [
    '## ❌ unleak: the scan failed',
    '',
    ...(scanned ? [`While scanning ${cell(scanned)}:`, ''] : []),
    `**${code(error.code)}**: ${cell(error.message)}`,
    '',
    ...(error.hint ? [`Hint: ${error.hint.replace(/[\r\n]+/g, ' ')}`, ''] : []),
    'The check fails: a scan that did not run is not a pass.',
    '',
  ].join('\n');
}
