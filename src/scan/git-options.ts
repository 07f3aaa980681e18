import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Confidence } from '../engine/types.js';
import type { ScanStats } from '../report/index.js';
import type { SetupOptions } from './prepare.js';

/** The `unleak scan` options a git scan reads (a subset of the CLI's). */
export interface GitScanOptions {
  staged?: boolean;
  fullFiles?: boolean;
  range?: string;
  history?: boolean;
  ref?: string[];
  config?: string;
  /** A baseline file (relative to the current folder); `false`: none, not even the default one. */
  baseline?: string | false;
  maxFileSize?: string;
  quiet?: boolean;
  jobs?: string;
  /** Content that cannot be read (a missing or corrupt blob, an unreadable file) becomes a note instead of an error. */
  skipUnreadable?: boolean;
  /** `--min-confidence` (default: the config's `minConfidence`, else `low`). */
  minConfidence?: Confidence;
}

/** The baseline file name `unleak baseline create` writes by default. */
export const DEFAULT_BASELINE = '.unleak-baseline.json';

/**
 * The setup options of a scan rooted at the repository top: size limit and minimum confidence as
 * given; config and baseline paths relative to the current folder; without `--baseline`, a
 * `.unleak-baseline.json` at the top when present (unless `baseline` is `false`: `unleak
 * baseline create` records every finding).
 */
export function setupPaths(cwd: string, top: string, options: GitScanOptions): SetupOptions {
  const fallback = join(top, DEFAULT_BASELINE);
  return {
    config: options.config ? resolve(cwd, options.config) : undefined,
    baseline:
      options.baseline === false
        ? undefined
        : options.baseline
          ? resolve(cwd, options.baseline)
          : existsSync(fallback)
            ? fallback
            : undefined,
    maxFileSize: options.maxFileSize,
    minConfidence: options.minConfidence,
  };
}

/** Empty statistics for a git scan mode. */
export function emptyStats(mode: ScanStats['mode'], rules: number): ScanStats {
  return {
    mode,
    filesScanned: 0,
    bytesScanned: 0,
    skippedBinary: 0,
    skippedTooLarge: 0,
    skippedUnreadable: 0,
    skippedOther: 0,
    rules,
    findings: 0,
    suppressedByBaseline: 0,
    durationMs: 0,
  };
}
