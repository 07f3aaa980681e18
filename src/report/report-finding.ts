import type { Confidence, Finding, FindingVerification, Severity, Validation } from '../engine/index.js';
import { secretSha256 } from '../filters/fingerprint.js';
import { oneOffFingerprint } from './one-off-fingerprint.js';
import { redact } from './redact.js';

/** A finding as the JSON report contract gives it (DESIGN.md §3); `secret` only with `--reveal`. */
export interface ReportFinding {
  ruleId: string;
  title: string;
  severity: Severity;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  redacted: string;
  fingerprint: string;
  entropy: number;
  validation: Validation;
  /** `high` (checksum, structure or exact vendor prefix), `medium` (keyword and entropy) or `low` (a proximity guess). */
  confidence: Confidence;
  commit?: string;
  author?: string;
  email?: string;
  date?: string;
  /** With `--verify`: live, revoked or unknown, and why. */
  verification?: FindingVerification;
  /** Only with `--reveal`: the raw secret and its plain SHA-256 (guessable for a password). */
  secret?: string;
  secretSha256?: string;
}

/** Statistics of one scan run. */
export interface ScanStats {
  mode: 'files' | 'staged' | 'range' | 'history' | 'stdin';
  filesScanned: number;
  bytesScanned: number;
  skippedBinary: number;
  skippedTooLarge: number;
  skippedUnreadable: number;
  skippedOther: number;
  commitsScanned?: number;
  blobsScanned?: number;
  rules: number;
  findings: number;
  suppressedByBaseline: number;
  durationMs: number;
  /** Only with `scan --timings`: wall time, per-phase and per-rule times in ms (phases summed over threads), slowest first. */
  timings?: { wallMs: number; phases: Record<string, number>; rules: Record<string, number> };
}

/**
 * Converts an engine finding to its report form. The fingerprint is the one the scan stamped
 * (keyed with the repository's salt); a finding that did not come through a scan gets one keyed
 * for this process only.
 */
export function toReportFinding(finding: Finding, reveal = false): ReportFinding {
  const out: ReportFinding = {
    ruleId: finding.ruleId,
    title: finding.title,
    severity: finding.severity,
    path: finding.path,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    redacted: redact(finding.secret),
    fingerprint: finding.fingerprint ?? oneOffFingerprint(finding),
    entropy: finding.entropy,
    validation: finding.validation,
    confidence: finding.confidence ?? 'medium',
  };
  if (finding.commit) Object.assign(out, { commit: finding.commit, author: finding.author, email: finding.email, date: finding.date });
  if (finding.verification) out.verification = { status: finding.verification.status, reason: finding.verification.reason };
  if (reveal) Object.assign(out, { secret: finding.secret, secretSha256: secretSha256(finding.secret) });
  return out;
}
