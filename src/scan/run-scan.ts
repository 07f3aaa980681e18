import type { Confidence } from '../engine/types.js';
import type { ScanResult } from '../report/index.js';
import type { GitContext } from './git-context.js';
import { emptyStats, setupPaths, type GitScanOptions } from './git-options.js';
import { keepConfident } from './min-confidence.js';
import type { ScanSetup, SetupOptions } from './prepare.js';

/*
 * Every module that reads config, lists files or walks history is imported when its mode runs,
 * never at the top: `scan --staged` in a pre-commit hook loads this file, and must not pay for
 * the config schema, the YAML parser or the working-tree walker (test/git/staged-lean-load.test.ts).
 */

/** The settings of a scan, as the flags of `unleak scan` and the inputs of the Action give them. */
export interface ScanSettings {
  /** Config file, relative to `io.cwd` (default: `.unleak.yaml` at the scan root). */
  config?: string;
  /** Baseline file, relative to `io.cwd` (default: `.unleak-baseline.json` at the scan root when present); `false`: none at all. */
  baseline?: string | false;
  /** Files larger than this are skipped (`10MB`; default: the config's `maxFileSize`). */
  maxFileSize?: string;
  /** Jobs for history and large working-tree scans (default: see parseJobs; `'1'`: this thread only). */
  jobs?: string;
  /** Content that cannot be read (an unreadable file, a missing or corrupt blob) becomes a note instead of the error UNLEAK_UNREADABLE. */
  skipUnreadable?: boolean;
  /** Report only findings at this confidence or above (default: the config's `minConfidence`, else `low`: every finding). */
  minConfidence?: Confidence;
  /** No progress bar. */
  quiet?: boolean;
}

/** The working tree under `io.cwd`: one folder argument is the root, other paths narrow the scan (see resolveTarget). */
export interface FilesTarget {
  kind: 'files';
  paths?: string[];
  /** List files with a glob walk instead of git (`--no-git`). */
  noGit?: boolean;
  /** Write `.unleak/fingerprint-salt` when the root has none (the baseline commands). */
  createSalt?: boolean;
}

/** What to scan: files, one text, the index, a commit range, the history, or nothing (an empty report with the rules that would run). */
export type ScanTarget =
  | FilesTarget
  /** `read` is called once the config has loaded, so a bad config fails without waiting for input. */
  | { kind: 'stdin'; path: string; read: () => Promise<string> }
  | { kind: 'staged'; paths?: string[]; fullFiles?: boolean }
  | { kind: 'range'; range: string }
  | { kind: 'history'; refs?: string[] }
  | { kind: 'none' };

/** A scan: its target and its settings. */
export type ScanRequest = ScanTarget & ScanSettings;

/** A scan of files: its target and its settings. */
export type FilesScanRequest = FilesTarget & ScanSettings;

/** What a scan needs of its caller: where it runs (git's folder and environment) and where progress and debug lines go. */
export interface ScanIo extends GitContext {
  /** Progress bar (a history scan on a terminal) and `UNLEAK_DEBUG` lines; default: nowhere. */
  stderr?: (text: string) => void;
  stderrIsTty?: boolean;
}

/** A files scan's result and the setup it ran with (rules, limits, the fingerprint key). */
export interface FilesScan {
  result: ScanResult;
  setup: ScanSetup;
}

/**
 * Runs one scan and returns the result the reporters take: rules and config from the scan root,
 * inline allows, the allowlist and the baseline applied, fingerprints stamped, findings below
 * `minConfidence` (the request's, else the config's) left out with a note. Throws UnleakError
 * (exit code 2) for a bad config, a git failure or content that could not be read.
 */
export async function runScan(request: ScanRequest, io: ScanIo): Promise<ScanResult> {
  switch (request.kind) {
    case 'files':
      return (await scanWithSetup(request, io)).result;
    case 'stdin':
      return scanStdin(request, io);
    case 'none':
      return emptyRange(request, io);
    default: {
      const { runGitScan } = await import('./git-scan.js');
      const paths = request.kind === 'staged' ? (request.paths ?? []) : [];
      return runGitScan(paths, gitScanOptions(request), {
        cwd: io.cwd,
        env: io.env,
        stderr: io.stderr ?? (() => undefined),
        stderrIsTty: Boolean(io.stderrIsTty),
      });
    }
  }
}

/** `runScan` for files, with the setup it ran with: for the callers that need the fingerprint key or the size limit (`fix`, `baseline`). */
export async function scanWithSetup(request: FilesScanRequest, io: ScanIo): Promise<FilesScan> {
  const { resolveTarget } = await import('./working-tree.js');
  const target = resolveTarget(io.cwd, request.paths ?? []);
  // git lists the files while the rules compile.
  const { startTreeGit } = await import('../sources/git-start.js');
  const release = request.noGit ? undefined : startTreeGit(target.root, target.pathspecs, io.env);
  try {
    const [{ prepareScanAsync }, { scanWorkingTree }] = await Promise.all([import('./prepare.js'), import('./tree-scan.js')]);
    const setup = await prepareScanAsync(target.root, { ...setupPaths(io.cwd, target.root, request), createSalt: request.createSalt });
    const debug = io.env.UNLEAK_DEBUG ? io.stderr : undefined;
    const result = await scanWorkingTree(setup, target, {
      noGit: Boolean(request.noGit),
      env: io.env,
      jobs: request.jobs,
      skipUnreadable: request.skipUnreadable,
      debug,
    });
    return { result: keepConfident(result, setup.minConfidence), setup };
  } finally {
    release?.();
  }
}

/** The setup of a scan rooted at `root` (config, rules, allowlist, baseline, fingerprint key), without scanning. */
export async function loadScanSetup(root: string, options: SetupOptions): Promise<ScanSetup> {
  const { prepareScanAsync } = await import('./prepare.js');
  return prepareScanAsync(root, options);
}

function gitScanOptions(request: ScanRequest & { kind: 'staged' | 'range' | 'history' }): GitScanOptions {
  const { config, baseline, maxFileSize, jobs, skipUnreadable, minConfidence, quiet } = request;
  const settings: GitScanOptions = { config, baseline, maxFileSize, jobs, skipUnreadable, minConfidence, quiet };
  if (request.kind === 'staged') return { ...settings, staged: true, fullFiles: request.fullFiles };
  if (request.kind === 'range') return { ...settings, range: request.range };
  return { ...settings, history: true, ref: request.refs };
}

async function scanStdin(request: ScanRequest & { kind: 'stdin' }, io: ScanIo): Promise<ScanResult> {
  const { prepareScanAsync } = await import('./prepare.js');
  const { collectFindings } = await import('./collect.js');
  const setup = await prepareScanAsync(io.cwd, setupPaths(io.cwd, io.cwd, request));
  const text = await request.read();
  const items = (async function* () {
    yield { kind: 'chunk' as const, chunk: { text, origin: { path: request.path } }, bytes: Buffer.byteLength(text) };
  })();
  return keepConfident(await collectFindings(setup, items, 'stdin'), setup.minConfidence);
}

/** Nothing to scan (a push that deleted a branch): an empty range report that still lists the rules. */
async function emptyRange(request: ScanRequest, io: ScanIo): Promise<ScanResult> {
  const setup = await loadScanSetup(io.cwd, setupPaths(io.cwd, io.cwd, request));
  return {
    findings: [],
    stats: { ...emptyStats('range', setup.rules.length), commitsScanned: 0 },
    rules: setup.rules,
    root: io.cwd,
    notes: [],
  };
}
