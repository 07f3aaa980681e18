import type { Finding } from '../engine/index.js';

/** 1-based numbers of the lines of `next` whose text is not a line anywhere in `previous`. */
export function addedLines(previous: string, next: string): Set<number> {
  const before = new Set(previous.split('\n').map(trimCr));
  const added = new Set<number>();
  next.split('\n').forEach((line, index) => {
    if (!before.has(trimCr(line))) added.add(index + 1);
  });
  return added;
}

const trimCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);

/**
 * Keeps the findings a change brings in: on at least one added line, with a secret that the
 * previous version did not hold already. A secret committed earlier does not count against an
 * unrelated edit of the same file; a moved or renamed one neither. Without `previous` (a new
 * file) every finding is new.
 */
export function newFindings(findings: Finding[], previous: string | undefined, next: string): Finding[] {
  if (previous === undefined || findings.length === 0) return findings;
  const added = addedLines(previous, next);
  return findings.filter((finding) => {
    if (previous.includes(finding.secret)) return false;
    for (let line = finding.line; line <= finding.endLine; line++) if (added.has(line)) return true;
    return false;
  });
}
