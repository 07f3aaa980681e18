import { scanChunk, type Finding } from '../engine/index.js';
import { applyInlineAllow } from '../filters/index.js';
import { snippetMasker, type ScanResult, type ScanStats } from '../report/index.js';
import type { SourceCounters, SourceItem } from '../sources/index.js';
import { stampFindings } from './fingerprint-findings.js';
import type { ScanSetup } from './prepare.js';
import { unreadableError } from './unread-content.js';

/**
 * Scans every chunk a source yields, applies inline allows, the allowlist and the baseline. A
 * file that could not be read makes the scan fail (UNLEAK_UNREADABLE) unless `skipUnreadable`,
 * which keeps it as a note: content never read is never a clean pass.
 */
export async function collectFindings(
  setup: ScanSetup,
  items: AsyncIterable<SourceItem>,
  mode: ScanStats['mode'],
  options: { counters?: SourceCounters; now?: () => number; skipUnreadable?: boolean } = {},
): Promise<ScanResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const stats: ScanStats = {
    mode,
    filesScanned: 0,
    bytesScanned: 0,
    skippedBinary: 0,
    skippedTooLarge: 0,
    skippedUnreadable: 0,
    skippedOther: 0,
    rules: setup.rules.length,
    findings: 0,
    suppressedByBaseline: 0,
    durationMs: 0,
  };
  const notes: string[] = [];
  const unread: string[] = [];
  const findings: Finding[] = [];
  for await (const item of items) {
    if (item.kind === 'skip') {
      if (item.reason === 'binary') stats.skippedBinary += 1;
      else if (item.reason === 'too-large') stats.skippedTooLarge += 1;
      else if (item.reason === 'unreadable') {
        stats.skippedUnreadable += 1;
        unread.push(item.note ?? item.path);
      } else stats.skippedOther += 1;
      if (item.note && item.reason !== 'other') notes.push(item.note);
      continue;
    }
    const { chunk } = item;
    stats.filesScanned += 1;
    stats.bytesScanned += item.bytes;
    if (setup.allowlist.allowsPath(chunk.origin.path)) continue;
    const found = scanChunk(chunk, setup.ruleSet, { maxDecodeDepth: setup.config.maxDecodeDepth });
    if (found.length === 0) continue;
    const kept = setup.allowlist.filter(applyInlineAllow(found, chunk.text), chunk.text);
    const snippet = snippetMasker(chunk.text, found);
    for (const finding of kept) finding.snippet = snippet(finding);
    for (const finding of kept) findings.push(finding);
  }
  if (unread.length && !options.skipUnreadable) throw unreadableError('file', unread);
  const stamped = stampFindings(setup, findings);
  stats.suppressedByBaseline = stamped.suppressedByBaseline;
  if (options.counters?.commits !== undefined) stats.commitsScanned = options.counters.commits;
  if (options.counters?.blobs !== undefined) stats.blobsScanned = options.counters.blobs;
  stats.findings = stamped.findings.length;
  stats.durationMs = Math.round(now() - started);
  return { findings: stamped.findings, stats, rules: setup.rules, root: setup.root, notes: [...notes, ...stamped.notes], fingerprintSalt: stamped.fingerprintSalt };
}
