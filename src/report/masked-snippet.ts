import { redact, secretScrubber } from './redact.js';

/** Where a found secret sits in a text (offsets in UTF-16 code units, end exclusive). */
export interface SecretSpan {
  start: number;
  end: number;
  secret: string;
}

interface Mask {
  start: number;
  end: number;
  label: string;
}

/**
 * The line of `finding` with every secret on it masked, cut to `width` characters: the
 * finding's own secret and every other one in `found` (the spans the engine reported in the
 * same text, and any other place on the line where one of their values occurs).
 */
export function maskedSnippet(text: string, finding: SecretSpan, found: readonly SecretSpan[] = [finding], width = 160): string {
  return snippetMasker(text, found)(finding, width);
}

/** Spans of similar length (within a factor of 2), sorted by start: those near a window are found by one binary search. */
interface SpanGroup {
  spans: SecretSpan[];
  longest: number;
}

function groupByLength(found: readonly SecretSpan[]): SpanGroup[] {
  const groups = new Map<number, SpanGroup>();
  for (const span of found) {
    const length = Math.max(span.end - span.start, 0);
    const key = Math.ceil(Math.log2(length + 1));
    const group = groups.get(key) ?? { spans: [], longest: 0 };
    group.spans.push(span);
    group.longest = Math.max(group.longest, length);
    groups.set(key, group);
  }
  for (const group of groups.values()) group.spans.sort((a, b) => a.start - b.start);
  return [...groups.values()];
}

/**
 * `maskedSnippet` for many findings of one text: the spans are grouped, sorted and the values
 * indexed once, so a file with thousands of findings costs each finding only its own line.
 */
export function snippetMasker(text: string, found: readonly SecretSpan[]): (finding: SecretSpan, width?: number) => string {
  const groups = groupByLength(found);
  const scrub = secretScrubber(new Set(found.map((span) => span.secret)));
  // A finding's own span is met again among the spans: its label is made once.
  const labels = new Map<string, string>();
  const label = (secret: string): string => {
    let shown = labels.get(secret);
    if (shown === undefined) labels.set(secret, (shown = redact(secret)));
    return shown;
  };
  return (finding, width = 160) => {
    // Line ends looked for only within `width` of the finding: a long line holding many findings stays linear.
    const windowStart = Math.max(0, finding.start - width);
    let lineStart = finding.start;
    while (lineStart > windowStart && text.charCodeAt(lineStart - 1) !== NEWLINE) lineStart -= 1;
    const windowEnd = Math.min(text.length, Math.max(finding.end, finding.start) + width);
    let lineEnd = Math.min(finding.start, windowEnd);
    while (lineEnd < windowEnd && text.charCodeAt(lineEnd) !== NEWLINE) lineEnd += 1;
    const from = Math.max(lineStart, finding.start - width);
    const to = finding.end <= lineEnd ? Math.min(lineEnd, finding.end + width) : lineEnd;
    const masks: Mask[] = [
      { start: Math.max(finding.start, from), end: Math.min(Math.max(finding.end, finding.start), to), label: label(finding.secret) },
    ];
    for (const { spans, longest } of groups) {
      for (
        let index = firstStartAtOrAfter(spans, from - longest);
        index < spans.length && (spans[index] as SecretSpan).start < to;
        index++
      ) {
        const span = spans[index] as SecretSpan;
        // The finding itself is among the spans: its mask is the first one already.
        if (span !== finding && span.end > from)
          masks.push({ start: Math.max(span.start, from), end: Math.min(span.end, to), label: label(span.secret) });
      }
    }
    let shown = '';
    let at = from;
    for (const mask of mergeMasks(masks)) {
      shown += scrub(text.slice(at, mask.start)) + mask.label;
      at = mask.end;
    }
    shown = `${shown}${scrub(text.slice(at, to))}`.trimStart().replace(/\r$/, '');
    return shown.length > width ? `${shown.slice(0, width - 1)}…` : shown;
  };
}

const NEWLINE = 10;

function firstStartAtOrAfter(spans: readonly SecretSpan[], offset: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((spans[mid] as SecretSpan).start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Sorts masks and joins overlapping ones; a joined mask keeps the label of the one that starts first. */
function mergeMasks(masks: Mask[]): Mask[] {
  if (masks.length === 1) return masks;
  const sorted = [...masks].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Mask[] = [];
  for (const mask of sorted) {
    const last = merged.at(-1);
    if (last && mask.start < last.end) last.end = Math.max(last.end, mask.end);
    else if (mask.end > mask.start || !last || mask.start !== last.end) merged.push({ ...mask });
  }
  return merged;
}
