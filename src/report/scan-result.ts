import type { Finding, RuleSpec } from '../engine/index.js';
import type { SaltSource } from '../filters/index.js';
import type { ScanStats } from './report-finding.js';

/** What a scan produced, handed to a reporter. */
export interface ScanResult {
  findings: Finding[];
  stats: ScanStats;
  /** The rules that ran (SARIF lists the ones with results). */
  rules: RuleSpec[];
  /** Absolute path of the scanned root (SARIF's %SRCROOT%). */
  root: string;
  /** Notes for the user: skipped files, unreadable paths. */
  notes: string[];
  /**
   * Where the key of the findings' fingerprints came from (undefined: no finding needed one).
   * `one-off` fingerprints match nothing in a later run, so SARIF leaves them out.
   */
  fingerprintSalt?: SaltSource;
}

/** Options every reporter accepts. */
export interface ReportOptions {
  /** Include raw secrets (`--reveal`). */
  reveal: boolean;
  /** Colour escapes (text only, on a TTY). */
  color: boolean;
  toolVersion: string;
}

/** A reporter turns a scan result into the text of a report. */
export type Reporter = (result: ScanResult, options: ReportOptions) => string;
