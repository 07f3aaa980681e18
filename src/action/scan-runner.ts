import { PassThrough } from 'node:stream';
import type { CliIo } from '../cli/io.js';
import type { ScanCliOptions } from '../cli/scan/scan-handler.js';
import type { ScanResult } from '../report/index.js';
import { collectFindings } from '../scan/collect.js';
import { runGitScan } from '../scan/git-scan.js';
import { prepareScan } from '../scan/prepare.js';
import { resolveTarget, workingTreeItems } from '../scan/working-tree.js';
import type { ScanRequest } from './resolve-plan.js';

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

/** Runs a scan request; the Action's tests swap in their own. */
export type Scanner = (request: ScanRequest, options: ScannerOptions) => Promise<ScanResult>;

function cliIo(options: ScannerOptions): CliIo {
  const stdin = new PassThrough();
  stdin.end();
  return { stdout: options.output, stderr: options.output, stdin, cwd: options.root, env: options.env, stdoutIsTty: false, stdinIsTty: false, stderrIsTty: false };
}

/**
 * The git scan of the CLI, one thread: its worker pool looks for a `history-worker.js` beside the
 * running bundle, which only the CLI build makes (uncommitted), so the Action never uses it.
 */
function gitScanOptions(request: ScanRequest, options: ScannerOptions): ScanCliOptions {
  const base: ScanCliOptions = { stdinPath: '<stdin>', format: 'sarif', git: true, color: false, quiet: true, jobs: '1', config: options.config, baseline: options.baseline, skipUnreadable: options.skipUnreadable };
  if (request.kind === 'range') return { ...base, range: `${request.base}..${request.head}` };
  return { ...base, history: true, ...(request.kind === 'history' && request.refs ? { ref: request.refs } : {}) };
}

function emptyResult(options: ScannerOptions): ScanResult {
  const setup = prepareScan(options.root, options);
  const stats = { mode: 'range' as const, filesScanned: 0, bytesScanned: 0, skippedBinary: 0, skippedTooLarge: 0, skippedUnreadable: 0, skippedOther: 0, commitsScanned: 0, rules: setup.rules.length, findings: 0, suppressedByBaseline: 0, durationMs: 0 };
  return { findings: [], stats, rules: setup.rules, root: options.root, notes: [] };
}

/** The scanner of the CLI: the working tree for `files`, `runGitScan` for ranges and histories. */
export const defaultScanner: Scanner = async (request, options) => {
  if (request.kind === 'none') return emptyResult(options);
  if (request.kind === 'files') {
    const target = resolveTarget(options.root, []);
    const setup = prepareScan(target.root, options);
    return collectFindings(setup, await workingTreeItems(target, { noGit: false, maxFileSize: setup.maxFileSize, env: options.env }), 'files', { skipUnreadable: options.skipUnreadable });
  }
  return runGitScan([], gitScanOptions(request, options), cliIo(options));
};
