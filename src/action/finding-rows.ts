import type { Finding } from '../engine/index.js';
import { redact } from '../report/index.js';
import { cell, code } from './markdown.js';

/** Where the Action links commits and files: `https://github.com/owner/repo`, when known. */
export type RepoUrl = string | undefined;

/** The columns every findings table has: rule, file:line, commit, author, redacted value. */
export const FINDING_COLUMNS = ['Rule', 'File:line', 'Commit', 'Author', 'Value'];

/** One table row for a finding; the secret appears only redacted, the author as code (no @-mentions). */
export function findingRow(finding: Finding, repoUrl: RepoUrl): string[] {
  const where = code(`${finding.path}:${finding.line}`);
  const file =
    repoUrl && finding.commit
      ? `[${where}](${repoUrl}/blob/${finding.commit}/${finding.path.split('/').map(encodeURIComponent).join('/')}#L${finding.line})`
      : where;
  const commit = finding.commit
    ? repoUrl
      ? `[${code(finding.commit.slice(0, 7))}](${repoUrl}/commit/${finding.commit})`
      : code(finding.commit.slice(0, 7))
    : '(working tree)';
  return [
    `${cell(finding.title)}<br>${code(finding.ruleId)}`,
    file,
    commit,
    finding.author ? code(finding.author) : '',
    code(redact(finding.secret)),
  ];
}
