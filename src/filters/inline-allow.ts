import type { Finding } from '../engine/index.js';
// Not the engine's index: it also loads the rule schema (zod), which a pre-commit scan does not need.
import { LineIndex } from '../engine/positions.js';

/** Markers that allow a secret on their own line: ours, and those of the tools teams migrate from. */
export const SAME_LINE_MARKERS = ['unleak:allow', 'gitleaks:allow', 'pragma: allowlist secret', 'trufflehog:ignore', 'nosecret'];
/** Markers that allow a secret on the next line. */
export const NEXT_LINE_MARKERS = ['unleak:allow-next-line', 'pragma: allowlist nextline secret'];

function lineText(text: string, lines: LineIndex, index: number): string {
  if (index < 0 || index >= lines.lineCount) return '';
  const start = lines.lineStart(index);
  const end = index + 1 < lines.lineCount ? lines.lineStart(index + 1) : text.length;
  return text.slice(start, Math.min(end, start + 100_000));
}

/** Drops findings whose line carries an allow marker, or whose previous line says allow-next-line. */
export function applyInlineAllow(findings: Finding[], text: string): Finding[] {
  if (findings.length === 0) return findings;
  const lines = new LineIndex(text);
  // One verdict per line: thousands of findings on one long line must not each re-read it.
  const allowedLines = new Map<number, boolean>();
  const lineAllows = (index: number): boolean => {
    const current = lineText(text, lines, index);
    if (SAME_LINE_MARKERS.some((marker) => current.includes(marker) && !current.includes(`${marker}-next-line`))) return true;
    const previous = lineText(text, lines, index - 1);
    return NEXT_LINE_MARKERS.some((marker) => previous.includes(marker));
  };
  return findings.filter((finding) => {
    const index = lines.lineOf(finding.start);
    let allowed = allowedLines.get(index);
    if (allowed === undefined) allowedLines.set(index, (allowed = lineAllows(index)));
    return !allowed;
  });
}
