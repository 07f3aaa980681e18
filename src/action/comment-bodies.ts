import type { Finding, RuleSpec } from '../engine/index.js';
import { legacyFingerprint } from '../filters/index.js';
import { toReportFinding } from '../report/index.js';
import { FINDING_COLUMNS, findingRow, type RepoUrl } from './finding-rows.js';
import { code, table } from './markdown.js';

const FINDING_MARKER = '<!-- unleak:finding ';
/** Marks the one summary comment of a pull request. */
export const SUMMARY_MARKER = '<!-- unleak:summary -->';

/** The hidden marker naming a finding's review comment: its fingerprint (no secret, no line). */
export function findingMarker(fingerprint: string): string {
  return `${FINDING_MARKER}${fingerprint} -->`;
}

/** The fingerprint a review comment body carries, when it is one of ours. */
export function markerFingerprint(body: string | undefined | null): string | undefined {
  const match = /<!-- unleak:finding (\S+) -->/.exec(body ?? '');
  return match?.[1];
}

/** A finding's fingerprint, as reports and baselines give it. */
export function fingerprint(finding: Finding): string {
  return toReportFinding(finding).fingerprint;
}

/**
 * The fingerprint a review comment written before fingerprints were keyed carries in its marker
 * (`<rule>:<32 hex>`): recomputed so that an upgraded Action edits those comments instead of adding
 * a second one for the same finding.
 */
export function legacyMarkerFingerprint(finding: Finding): string {
  return legacyFingerprint(finding.ruleId, finding.path, finding.secret);
}

const footer = (head: string) => `<sub>unleak · checked at ${head.slice(0, 7)}</sub>`;

/** The review comment on the line that adds a secret. */
export function reviewCommentBody(finding: Finding, rule: RuleSpec | undefined, head: string): string {
  const view = toReportFinding(finding);
  const origin = finding.commit
    ? `, first in commit ${finding.commit.slice(0, 7)}${finding.author ? ` by ${code(finding.author)}` : ''}`
    : '';
  return [
    findingMarker(view.fingerprint),
    `🔑 **unleak: ${finding.title}** ${code(finding.ruleId)} (${finding.severity})`,
    '',
    `This line adds a secret: ${code(view.redacted)}${origin}.${rule?.description ? ` ${rule.description}` : ''}`,
    '',
    "**Rotate it at its provider first**: it has been pushed, so treat it as compromised. Then run `unleak fix` in your clone to move it into the repository's encrypted store and read it from there. Not a secret? Put `unleak:allow` in a comment on this line.",
    '',
    footer(head),
  ].join('\n');
}

/** The new body of a review comment whose finding is no longer on an added line of the head. */
export function settledCommentBody(markerPrint: string, stillInHistory: boolean, head: string): string {
  const text = stillInHistory
    ? '⚠️ **unleak**: this line no longer holds the secret, but a commit of this pull request still does; see the unleak summary comment. Rotate it: removing it in a later commit leaves it in the history.'
    : "✅ **unleak**: the secret reported here is no longer found in this pull request's commits. If it was ever pushed, rotate it anyway.";
  return [findingMarker(markerPrint), text, '', footer(head)].join('\n');
}

/** The summary comment: findings that could not be placed on a line of the diff. */
export function summaryCommentBody(outside: Finding[], repoUrl: RepoUrl, head: string): string {
  if (outside.length === 0) {
    return [SUMMARY_MARKER, '✅ **unleak**: no secrets outside the diff of this pull request any more.', '', footer(head)].join('\n');
  }
  const count = outside.length;
  return [
    SUMMARY_MARKER,
    `### 🔑 unleak: ${count} secret${count === 1 ? '' : 's'} in this pull request's commits outside its diff`,
    '',
    'These secrets were added by commits of this pull request but are not on a line its diff shows (a later commit changed or removed them, or there were too many to comment one by one). They stay in the branch history, readable by anyone who can read the repository.',
    '',
    table(
      FINDING_COLUMNS,
      outside.slice(0, 100).map((finding) => findingRow(finding, repoUrl)),
    ),
    ...(count > 100 ? ['', `…and ${count - 100} more: see the job summary and the SARIF report.`] : []),
    '',
    '**Rotate each at its provider first.** Then `unleak fix` moves a secret still in the code into the encrypted store; a secret only in history needs rotating (and `unleak purge` or a history rewrite if policy asks). Not a secret? `unleak:allow` on its line, or a baseline.',
    '',
    footer(head),
  ].join('\n');
}
