import type { Finding, Severity } from '../engine/index.js';
import { redact } from '../report/index.js';
import { annotationCommand, type AnnotationLevel } from './workflow-commands.js';

/**
 * "GitHub Actions are limited to 10 warning annotations and 10 error annotations per step" (50 per
 * job), and the runner drops the rest without a word; past the limit we print one annotation that
 * counts what is left. https://docs.github.com/rest/checks/runs#update-a-check-run
 */
export const ANNOTATIONS_PER_LEVEL = 10;

const LEVEL: Record<Severity, AnnotationLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'warning' };

/** The one-line text a finding's annotation carries (redacted, never the secret). */
export function findingMessage(finding: Finding): string {
  const where = finding.commit ? ` added in commit ${finding.commit.slice(0, 12)}${finding.author ? ` by ${finding.author}` : ''}` : '';
  return `${finding.title} (${finding.ruleId}, ${finding.severity}): ${redact(finding.secret)}${where}. Rotate it, then run \`unleak fix\`; if it is not a secret, add unleak:allow on the line.`;
}

function annotation(finding: Finding): string {
  return annotationCommand(LEVEL[finding.severity], findingMessage(finding), {
    title: `unleak: ${finding.title}`,
    file: finding.path.split('\\').join('/'),
    line: finding.line,
    endLine: finding.endLine,
    col: finding.line === finding.endLine ? finding.column : undefined,
    endColumn: finding.line === finding.endLine ? finding.endColumn : undefined,
  });
}

/**
 * Annotation commands for the findings: each level keeps within its per-step limit, and when a
 * level has more findings than fit, its last slot says how many more there are and where to see them.
 */
export function annotationCommands(findings: Finding[], elsewhere = 'the job summary and the SARIF report'): string[] {
  const lines: string[] = [];
  for (const level of ['error', 'warning'] as const) {
    const ofLevel = findings.filter((finding) => LEVEL[finding.severity] === level);
    const shown = ofLevel.length > ANNOTATIONS_PER_LEVEL ? ofLevel.slice(0, ANNOTATIONS_PER_LEVEL - 1) : ofLevel;
    lines.push(...shown.map(annotation));
    const rest = ofLevel.length - shown.length;
    if (rest > 0)
      lines.push(
        annotationCommand(
          level,
          `${rest} more ${level === 'error' ? 'critical/high' : 'medium/low'} finding${rest === 1 ? '' : 's'} not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} ${level}s per step): see ${elsewhere}.`,
          { title: `unleak: ${rest} more secret${rest === 1 ? '' : 's'}` },
        ),
      );
  }
  return lines;
}
