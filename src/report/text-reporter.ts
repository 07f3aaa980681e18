import type { Finding } from '../engine/index.js';
import type { Reporter } from './scan-result.js';
import { redact, secretScrubber } from './redact.js';

const COLORS = { red: 31, yellow: 33, cyan: 36, gray: 90, bold: 1 } as const;

function painter(enabled: boolean) {
  return (color: keyof typeof COLORS, text: string) => (enabled ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text);
}

function groupByPath(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = finding.commit ? `${finding.path} @ ${finding.commit.slice(0, 12)}` : finding.path;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return groups;
}

function summaryLine(result: Parameters<Reporter>[0]): string {
  const { stats } = result;
  const skipped = stats.skippedBinary + stats.skippedTooLarge + stats.skippedUnreadable + stats.skippedOther;
  const parts = [`${stats.findings} secret${stats.findings === 1 ? '' : 's'} found`];
  if (stats.mode === 'history' || stats.mode === 'range')
    parts.push(`${stats.commitsScanned ?? 0} commits, ${stats.blobsScanned ?? stats.filesScanned} blobs`);
  else parts.push(`${stats.filesScanned} file${stats.filesScanned === 1 ? '' : 's'} scanned`);
  parts.push(`${(stats.bytesScanned / 1024 / 1024).toFixed(1)} MB`);
  if (skipped)
    parts.push(
      `${skipped} skipped (${stats.skippedBinary} binary, ${stats.skippedTooLarge} too large, ${stats.skippedUnreadable} unreadable${stats.skippedOther ? `, ${stats.skippedOther} other` : ''})`,
    );
  if (stats.suppressedByBaseline) parts.push(`${stats.suppressedByBaseline} in baseline`);
  parts.push(`${(stats.durationMs / 1000).toFixed(2)}s`);
  return parts.join(', ');
}

/**
 * Human-readable report, grouped by file; unless `reveal`, every secret the report holds is
 * redacted wherever it appears: values, snippets, commit subjects, notes.
 */
export const textReporter: Reporter = (result, options) => {
  const paint = painter(options.color);
  const out: string[] = [];
  const scrub = secretScrubber(new Set(result.findings.map((f) => f.secret)));
  const safe = (text: string) => (options.reveal ? text : scrub(text));
  for (const [path, findings] of groupByPath(result.findings)) {
    out.push(paint('bold', path));
    for (const f of findings) {
      const severity = paint(f.severity === 'critical' || f.severity === 'high' ? 'red' : 'yellow', f.severity.padEnd(8));
      const value = options.reveal ? f.secret : redact(f.secret);
      out.push(
        `  ${paint('cyan', `${f.line}:${f.column}`.padEnd(9))} ${severity} ${f.title} ${paint('gray', `(${f.ruleId}, ${f.confidence ?? 'medium'} confidence)`)}  ${value}`,
      );
      if (f.snippet && !options.reveal) out.push(`  ${' '.repeat(9)} ${paint('gray', safe(f.snippet))}`);
      if (f.commit)
        out.push(
          `  ${' '.repeat(9)} ${paint('gray', `commit ${f.commit.slice(0, 12)} by ${f.author ?? '?'} <${f.email ?? '?'}> on ${f.date ?? '?'}${f.subject ? `: ${safe(f.subject)}` : ''}`)}`,
        );
      if (f.verification)
        out.push(
          `  ${' '.repeat(9)} ${paint(f.verification.status === 'live' ? 'red' : 'gray', `verification: ${f.verification.status} (${safe(f.verification.reason)})`)}`,
        );
      if (f.otherOccurrences)
        out.push(`  ${' '.repeat(9)} ${paint('gray', `also in ${f.otherOccurrences} other place${f.otherOccurrences === 1 ? '' : 's'}`)}`);
    }
    out.push('');
  }
  for (const note of result.notes) out.push(paint('gray', `note: ${safe(note)}`));
  const summary = summaryLine(result);
  out.push(result.stats.findings ? paint('red', summary) : paint('bold', summary));
  return `${out.join('\n')}\n`;
};
