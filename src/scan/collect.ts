import type { ScanResult, ScanStats } from '../report/index.js';
import type { SourceCounters, SourceItem } from '../sources/index.js';
import { emptyTally, tallyItem, type FileTally } from './file-tally.js';
import { stampFindings } from './fingerprint-findings.js';
import type { ScanSetup } from './prepare.js';
import type { TextScanner } from './text-scanner.js';
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
  const tally = emptyTally();
  const scanner: TextScanner = { ruleSet: setup.ruleSet, allowlist: setup.allowlist, maxDecodeDepth: setup.config.maxDecodeDepth };
  for await (const item of items) tallyItem(tally, item, scanner);
  return finishCollect(setup, tally, mode, { ...options, now, started });
}

/**
 * The end of a scan of files: UNLEAK_UNREADABLE for content not read (unless `skipUnreadable`),
 * allowlist and baseline through the fingerprints, the counts of `tally` into `stats`.
 */
export function finishCollect(
  setup: ScanSetup,
  tally: FileTally,
  mode: ScanStats['mode'],
  options: { counters?: SourceCounters; now: () => number; started: number; skipUnreadable?: boolean },
): ScanResult {
  const { findings, notes, unread } = tally;
  const stats: ScanStats = {
    mode,
    filesScanned: tally.filesScanned,
    bytesScanned: tally.bytesScanned,
    skippedBinary: tally.skippedBinary,
    skippedTooLarge: tally.skippedTooLarge,
    skippedUnreadable: tally.skippedUnreadable,
    skippedOther: tally.skippedOther,
    rules: setup.rules.length,
    findings: 0,
    suppressedByBaseline: 0,
    durationMs: 0,
  };
  if (unread.length && !options.skipUnreadable) throw unreadableError('file', unread);
  const stamped = stampFindings(setup, findings);
  stats.suppressedByBaseline = stamped.suppressedByBaseline;
  if (options.counters?.commits !== undefined) stats.commitsScanned = options.counters.commits;
  if (options.counters?.blobs !== undefined) stats.blobsScanned = options.counters.blobs;
  stats.findings = stamped.findings.length;
  stats.durationMs = Math.round(options.now() - options.started);
  return {
    findings: stamped.findings,
    stats,
    rules: setup.rules,
    root: setup.root,
    notes: [...notes, ...stamped.notes],
    fingerprintSalt: stamped.fingerprintSalt,
  };
}
