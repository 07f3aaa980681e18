import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT_CLEAN, EXIT_FINDINGS, UnleakError } from '../../errors.js';
import { reporters, type ReportFormat, type ScanResult } from '../../report/index.js';
import { readAll, type CliIo } from '../io.js';
import { writeFileAtomic } from '../write-output.js';
import { VERSION } from '../../version.js';
import type { Confidence } from '../../engine/index.js';
import { wantsVerification } from '../../verify/verification-flags.js';

/** Options of `unleak scan` as commander parses them. */
export interface ScanCliOptions {
  staged?: boolean;
  fullFiles?: boolean;
  range?: string;
  history?: boolean;
  ref?: string[];
  stdin?: boolean;
  stdinPath: string;
  format: ReportFormat;
  output?: string;
  config?: string;
  baseline?: string;
  git: boolean;
  maxFileSize?: string;
  reveal?: boolean;
  color: boolean;
  quiet?: boolean;
  jobs?: string;
  skipUnreadable?: boolean;
  /** `--timings`: per-phase and per-rule times to stderr, and `stats.timings` in JSON. */
  timings?: boolean;
  /** `--min-confidence`: report only findings at this confidence or above. */
  minConfidence?: Confidence;
  /** Live verification (src/verify): `--verify`, `--verify-private`, `--only-verified`, `--results`, `--verify-timeout`. */
  verify?: boolean;
  verifyPrivate?: boolean;
  onlyVerified?: boolean;
  results?: string;
  verifyTimeout?: string;
}

function checkModes(options: ScanCliOptions, paths: string[]): void {
  const modes = [options.staged, options.range, options.history, options.stdin].filter(Boolean).length;
  if (modes > 1) throw new UnleakError('UNLEAK_USAGE', 'choose one of --staged, --range, --history, --stdin', { hint: 'Run `unleak scan --help`.' });
  if (options.stdin && paths.length) throw new UnleakError('UNLEAK_USAGE', 'paths do not go with --stdin');
  if ((options.history || options.range) && paths.length > 1) {
    throw new UnleakError('UNLEAK_USAGE', 'with --history or --range, give at most one folder: the repository to scan');
  }
}

/** `scan --history DIR` / `scan --range A..B DIR`: the one folder is the repository to scan. */
function repositoryIo(paths: string[], options: ScanCliOptions, io: CliIo): { paths: string[]; io: CliIo } {
  if (!(options.history || options.range) || paths.length === 0) return { paths, io };
  const dir = resolve(io.cwd, paths[0] as string);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UnleakError('UNLEAK_USAGE', `not a folder: ${paths[0]}`, { hint: 'Give the repository folder, e.g. `unleak scan --history .`.' });
  return { paths: [], io: { ...io, cwd: dir } };
}

async function runMode(paths: string[], options: ScanCliOptions, io: CliIo): Promise<ScanResult> {
  if (options.staged || options.range || options.history) {
    const { runGitScan } = await import('../../scan/git-scan.js');
    return runGitScan(paths, options, io);
  }
  const { collectFindings } = await import('../../scan/collect.js');
  const { prepareScan } = await import('../../scan/prepare.js');
  if (options.stdin) {
    const setup = prepareScan(io.cwd, options);
    const text = await readAll(io.stdin);
    const items = (async function* () {
      yield { kind: 'chunk' as const, chunk: { text, origin: { path: options.stdinPath } }, bytes: Buffer.byteLength(text) };
    })();
    return collectFindings(setup, items, 'stdin');
  }
  const { resolveTarget } = await import('../../scan/working-tree.js');
  const target = resolveTarget(io.cwd, paths);
  const { setupPaths } = await import('../../scan/git-options.js');
  const setup = prepareScan(target.root, setupPaths(io.cwd, target.root, options));
  const { scanWorkingTree } = await import('../../scan/tree-scan.js');
  return scanWorkingTree(setup, target, { noGit: !options.git, env: io.env, jobs: options.jobs, skipUnreadable: options.skipUnreadable, debug: io.env.UNLEAK_DEBUG ? io.stderr : undefined });
}

/** `unleak scan`: runs the scan, writes the report, returns 0 (clean) or 1 (findings). */
export async function scanHandler(paths: string[], options: ScanCliOptions, io: CliIo): Promise<number> {
  checkModes(options, paths);
  const target = repositoryIo(paths, options, io);
  const timing = options.timings ? await import('./scan-timings.js') : undefined;
  const clock = timing?.startScanTimings();
  const { keepConfident } = await import('../../scan/min-confidence.js');
  const scanned = keepConfident(await runMode(target.paths, options, target.io), options.minConfidence);
  // Verification loads every verifier and database driver: only when asked, never in a hook.
  const result = wantsVerification(options) ? await (await import('../verify/verify-step.js')).verifyIfAsked(scanned, options, target.io) : scanned;
  if (clock) result.stats.timings = clock.stop();
  const toFile = options.output !== undefined;
  const reportStarted = performance.now();
  const report = reporters[options.format](result, { reveal: Boolean(options.reveal), color: !toFile && options.color && io.stdoutIsTty && !io.env.NO_COLOR, toolVersion: VERSION });
  if (clock && result.stats.timings) io.stderr(clock.table(result.stats.timings, performance.now() - reportStarted));
  if (toFile) {
    writeFileAtomic(resolve(io.cwd, options.output as string), report);
    if (!options.quiet) io.stderr(`unleak: ${result.stats.findings} finding${result.stats.findings === 1 ? '' : 's'}; ${options.format} report written to ${options.output}\n`);
  } else if (options.staged && options.format === 'text') {
    const { stagedMessage } = await import('../../scan/staged-message.js');
    io.stderr(stagedMessage(result, report, { quiet: Boolean(options.quiet) }));
  } else if (!(options.quiet && options.format === 'text' && result.findings.length === 0)) {
    io.stdout(report);
  }
  return result.findings.length ? EXIT_FINDINGS : EXIT_CLEAN;
}
