import type { ScanResult } from '../report/index.js';
import { runScan, type ScanRequest } from '../scan/index.js';
import type { ResolvedScan } from './resolve-plan.js';

/** Where and how to scan: the repository root, config and baseline files (absolute), and where the scan's own messages go. */
export interface ScannerOptions {
  root: string;
  config: string | undefined;
  baseline: string | undefined;
  env: NodeJS.ProcessEnv;
  /** Note content that cannot be read instead of failing (the `skip-unreadable` input, the CLI's `--skip-unreadable`). */
  skipUnreadable?: boolean;
  /** Receives whatever the scan prints (held back by the caller until secrets are masked). */
  output: (text: string) => void;
}

/** Runs a resolved scan; the Action's tests swap in their own. */
export type Scanner = (scan: ResolvedScan, options: ScannerOptions) => Promise<ScanResult>;

/**
 * The scan request of a resolved scan, on one thread: the worker pool looks for a
 * `history-worker.js` beside the running bundle, which only the CLI build makes, so the Action
 * never uses it. Every finding is kept: the Action masks them all before `min-confidence` applies.
 */
export function scanRequestOf(scan: ResolvedScan, options: ScannerOptions): ScanRequest {
  const settings = {
    config: options.config,
    baseline: options.baseline,
    skipUnreadable: options.skipUnreadable,
    minConfidence: 'low' as const,
    quiet: true,
    jobs: '1',
  };
  switch (scan.kind) {
    case 'none':
      return { ...settings, kind: 'none' };
    case 'files':
      return { ...settings, kind: 'files' };
    case 'range':
      return { ...settings, kind: 'range', range: `${scan.base}..${scan.head}` };
    case 'history':
      return { ...settings, kind: 'history', refs: scan.refs };
  }
}

/** The scanner of the Action: `runScan` of src/scan, rooted at the workspace. */
export const defaultScanner: Scanner = (scan, options) =>
  runScan(scanRequestOf(scan, options), { cwd: options.root, env: options.env, stderr: options.output, stderrIsTty: false });
