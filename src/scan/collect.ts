import { scanChunk, type Finding } from '../engine/index.js';
import { applyInlineAllow, fingerprintOf } from '../filters/index.js';
import { maskedSnippet, type ScanResult, type ScanStats } from '../report/index.js';
import type { SourceCounters, SourceItem } from '../sources/index.js';
import type { ScanSetup } from './prepare.js';

/** Scans every chunk a source yields, applies inline allows, the allowlist and the baseline. */
export async function collectFindings(
  setup: ScanSetup,
  items: AsyncIterable<SourceItem>,
  mode: ScanStats['mode'],
  options: { counters?: SourceCounters; now?: () => number } = {},
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
  let findings: Finding[] = [];
  for await (const item of items) {
    if (item.kind === 'skip') {
      if (item.reason === 'binary') stats.skippedBinary += 1;
      else if (item.reason === 'too-large') stats.skippedTooLarge += 1;
      else if (item.reason === 'unreadable') stats.skippedUnreadable += 1;
      else stats.skippedOther += 1;
      if (item.note && item.reason !== 'other') notes.push(item.note);
      continue;
    }
    const { chunk } = item;
    stats.filesScanned += 1;
    stats.bytesScanned += item.bytes;
    if (setup.allowlist.allowsPath(chunk.origin.path)) continue;
    let found = scanChunk(chunk, setup.ruleSet, { maxDecodeDepth: setup.config.maxDecodeDepth });
    if (found.length === 0) continue;
    found = setup.allowlist.filter(applyInlineAllow(found, chunk.text), chunk.text);
    for (const finding of found) finding.snippet = maskedSnippet(chunk.text, finding.start, finding.end, finding.secret);
    findings.push(...found);
  }
  if (setup.baseline) {
    const before = findings.length;
    const accepted = setup.baseline;
    findings = findings.filter((f) => !accepted.has(fingerprintOf(f.ruleId, f.path, f.secret)));
    stats.suppressedByBaseline = before - findings.length;
  }
  if (options.counters?.commits !== undefined) stats.commitsScanned = options.counters.commits;
  if (options.counters?.blobs !== undefined) stats.blobsScanned = options.counters.blobs;
  stats.findings = findings.length;
  stats.durationMs = Math.round(now() - started);
  return { findings, stats, rules: setup.rules, root: setup.root, notes };
}
