import type { Finding, VerificationStatus } from '../engine/index.js';
import { UnleakError } from '../errors.js';

const STATUSES: readonly VerificationStatus[] = ['live', 'revoked', 'unknown'];

/** Parses `--results live,unknown`; a usage error (exit 2) names any other word. */
export function parseResults(text: string): VerificationStatus[] {
  const words = text
    .split(',')
    .map((word) => word.trim().toLowerCase())
    .filter(Boolean);
  const wrong = words.filter((word) => !STATUSES.includes(word as VerificationStatus));
  if (wrong.length || words.length === 0) {
    throw new UnleakError(
      'UNLEAK_USAGE',
      `--results takes a comma-separated list of live, revoked, unknown${wrong.length ? ` (not: ${wrong.join(', ')})` : ''}`,
      { hint: 'For example `--results live,unknown`.' },
    );
  }
  return [...new Set(words as VerificationStatus[])];
}

/** The statuses to keep: `--only-verified` is `live`; `--results` lists them; undefined keeps every finding. */
export function statusesToKeep(options: { onlyVerified?: boolean; results?: string }): VerificationStatus[] | undefined {
  if (options.onlyVerified && options.results)
    throw new UnleakError('UNLEAK_USAGE', 'choose one of --only-verified and --results', {
      hint: '`--only-verified` is `--results live`.',
    });
  if (options.onlyVerified) return ['live'];
  return options.results === undefined ? undefined : parseResults(options.results);
}

/** The findings whose verification status is one of `keep` (all of them when `keep` is undefined). */
export function keepByStatus(findings: Finding[], keep: VerificationStatus[] | undefined): Finding[] {
  if (!keep) return findings;
  return findings.filter((finding) => keep.includes(finding.verification?.status ?? 'unknown'));
}
