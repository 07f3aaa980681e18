import type { VerificationStatus } from '../engine/index.js';
import { UnleakError } from '../errors.js';
import type { ScanResult } from '../report/index.js';
import { keepByStatus, statusesToKeep } from './result-filter.js';
import { verifyFindings, type VerifyOptions } from './verify-findings.js';
import type { VerifyFlags } from './verification-flags.js';

export { wantsVerification, type VerifyFlags } from './verification-flags.js';

function timeoutMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600)
    throw new UnleakError('UNLEAK_USAGE', `--verify-timeout takes a number of seconds between 1 and 3600, not ${JSON.stringify(text)}`);
  return seconds * 1000;
}

function summary(counts: Record<VerificationStatus, number>, dropped: number, keep: VerificationStatus[] | undefined): string {
  const parts = `verification: ${counts.live} live, ${counts.revoked} revoked, ${counts.unknown} unknown`;
  return dropped && keep ? `${parts}; ${dropped} not shown (showing ${keep.join(', ')} only)` : parts;
}

/**
 * Verifies a scan's findings, then keeps those whose status the flags ask for. The count in
 * `stats.findings` (and so the exit code) is of the findings kept.
 */
export async function verifyScanResult(result: ScanResult, flags: VerifyFlags, options: VerifyOptions = {}): Promise<ScanResult> {
  const keep = statusesToKeep(flags);
  await verifyFindings(result.findings, {
    ...options,
    allowPrivate: Boolean(flags.verifyPrivate),
    totalTimeoutMs: timeoutMs(flags.verifyTimeout) ?? options.totalTimeoutMs,
  });
  const counts: Record<VerificationStatus, number> = { live: 0, revoked: 0, unknown: 0 };
  for (const finding of result.findings) counts[finding.verification?.status ?? 'unknown']++;
  const findings = keepByStatus(result.findings, keep);
  return {
    ...result,
    findings,
    stats: { ...result.stats, findings: findings.length },
    notes: [...result.notes, summary(counts, result.findings.length - findings.length, keep)],
  };
}
