import type { Finding, TimingsSnapshot } from '../engine/index.js';
import type { ScanStats } from '../report/index.js';
import type { SourceItem } from '../sources/source.js';
import { scanText, type TextScanner } from './text-scanner.js';

/**
 * What scanning a run of working-tree files gave, in file order: the counts of `ScanStats`, the
 * findings (snippets filled), notes and the files that could not be read. Plain data, so a
 * worker thread can send it back; a scan on one thread fills a single tally, a scan on workers
 * merges one per batch in batch order, so both give the same result in the same order.
 */
export interface FileTally extends Pick<
  ScanStats,
  'filesScanned' | 'bytesScanned' | 'skippedBinary' | 'skippedTooLarge' | 'skippedUnreadable' | 'skippedOther'
> {
  findings: Finding[];
  notes: string[];
  unread: string[];
  /** With `--timings`, a worker's times for this batch (the main thread merges them). */
  timings?: TimingsSnapshot;
}

/** An empty tally. */
export function emptyTally(): FileTally {
  return {
    filesScanned: 0,
    bytesScanned: 0,
    skippedBinary: 0,
    skippedTooLarge: 0,
    skippedUnreadable: 0,
    skippedOther: 0,
    findings: [],
    notes: [],
    unread: [],
  };
}

/** Counts one item of a source and scans it when it is a chunk (engine, inline allows, allowlist). */
export function tallyItem(tally: FileTally, item: SourceItem, scanner: TextScanner): void {
  if (item.kind === 'skip') {
    if (item.reason === 'binary') tally.skippedBinary += 1;
    else if (item.reason === 'too-large') tally.skippedTooLarge += 1;
    else if (item.reason === 'unreadable') {
      tally.skippedUnreadable += 1;
      tally.unread.push(item.note ?? item.path);
    } else tally.skippedOther += 1;
    if (item.note && item.reason !== 'other') tally.notes.push(item.note);
    return;
  }
  tally.filesScanned += 1;
  tally.bytesScanned += item.bytes;
  for (const finding of scanText(scanner, item.chunk)) tally.findings.push(finding);
}

/** Adds `part` (the next batch, in order) to `into`. */
export function mergeTally(into: FileTally, part: FileTally): void {
  into.filesScanned += part.filesScanned;
  into.bytesScanned += part.bytesScanned;
  into.skippedBinary += part.skippedBinary;
  into.skippedTooLarge += part.skippedTooLarge;
  into.skippedUnreadable += part.skippedUnreadable;
  into.skippedOther += part.skippedOther;
  for (const finding of part.findings) into.findings.push(finding);
  for (const note of part.notes) into.notes.push(note);
  for (const path of part.unread) into.unread.push(path);
}
