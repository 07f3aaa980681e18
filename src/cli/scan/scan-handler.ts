import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT_CLEAN, EXIT_FINDINGS, UnleakError } from '../../errors.js';
import { writeFileAtomicSync } from '../../fsutil/index.js';
import { reporters, type ReportFormat } from '../../report/index.js';
import type { ScanRequest, ScanSettings } from '../../scan/index.js';
import { readAll, type CliIo } from '../io.js';
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
  if (modes > 1)
    throw new UnleakError('UNLEAK_USAGE', 'choose one of --staged, --range, --history, --stdin', { hint: 'Run `unleak scan --help`.' });
  if (options.stdin && paths.length) throw new UnleakError('UNLEAK_USAGE', 'paths do not go with --stdin');
  if (options.ref?.length && !options.history) throw new UnleakError('UNLEAK_USAGE', '--ref goes with --history');
  if ((options.history || options.range) && paths.length > 1) {
    throw new UnleakError('UNLEAK_USAGE', 'with --history or --range, give at most one folder: the repository to scan');
  }
}

/** `scan --history DIR` / `scan --range A..B DIR`: the one folder is the repository to scan. */
function repositoryIo(paths: string[], options: ScanCliOptions, io: CliIo): { paths: string[]; io: CliIo } {
  if (!(options.history || options.range) || paths.length === 0) return { paths, io };
  const dir = resolve(io.cwd, paths[0] as string);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UnleakError('UNLEAK_USAGE', `not a folder: ${paths[0]}`, {
      hint: 'Give the repository folder, e.g. `unleak scan --history .`.',
    });
  return { paths: [], io: { ...io, cwd: dir } };
}

/** The scan request the flags of `unleak scan` describe. */
function scanRequest(paths: string[], options: ScanCliOptions, io: CliIo): ScanRequest {
  const { config, baseline, maxFileSize, jobs, skipUnreadable, minConfidence, quiet } = options;
  const settings: ScanSettings = { config, baseline, maxFileSize, jobs, skipUnreadable, minConfidence, quiet };
  if (options.staged) return { ...settings, kind: 'staged', paths, fullFiles: options.fullFiles };
  if (options.range) return { ...settings, kind: 'range', range: options.range };
  if (options.history) return { ...settings, kind: 'history', refs: options.ref };
  if (options.stdin) return { ...settings, kind: 'stdin', path: options.stdinPath, read: () => readAll(io.stdin) };
  return { ...settings, kind: 'files', paths, noGit: !options.git };
}

/** `unleak scan`: runs the scan, writes the report, returns 0 (clean) or 1 (findings). */
export async function scanHandler(paths: string[], options: ScanCliOptions, io: CliIo): Promise<number> {
  checkModes(options, paths);
  const target = repositoryIo(paths, options, io);
  const timing = options.timings ? await import('./scan-timings.js') : undefined;
  const clock = timing?.startScanTimings();
  const { runScan } = await import('../../scan/index.js');
  const scanned = await runScan(scanRequest(target.paths, options, target.io), target.io);
  // Verification loads every verifier and database driver: only when asked, never in a hook.
  const result = wantsVerification(options)
    ? await (await import('../verify/verify-step.js')).verifyIfAsked(scanned, options, target.io)
    : scanned;
  if (clock) result.stats.timings = clock.stop();
  const toFile = options.output !== undefined;
  const reportStarted = performance.now();
  const report = reporters[options.format](result, {
    reveal: Boolean(options.reveal),
    color: !toFile && options.color && io.stdoutIsTty && !io.env.NO_COLOR,
    toolVersion: VERSION,
  });
  if (clock && result.stats.timings) io.stderr(clock.table(result.stats.timings, performance.now() - reportStarted));
  if (toFile) {
    writeFileAtomicSync(resolve(io.cwd, options.output as string), report);
    if (!options.quiet)
      io.stderr(
        `unleak: ${result.stats.findings} finding${result.stats.findings === 1 ? '' : 's'}; ${options.format} report written to ${options.output}\n`,
      );
  } else if (options.staged && options.format === 'text') {
    const { stagedMessage } = await import('../../scan/index.js');
    io.stderr(stagedMessage(result, report, { quiet: Boolean(options.quiet) }));
  } else if (!(options.quiet && options.format === 'text' && result.findings.length === 0)) {
    io.stdout(report);
  }
  return result.findings.length ? EXIT_FINDINGS : EXIT_CLEAN;
}
