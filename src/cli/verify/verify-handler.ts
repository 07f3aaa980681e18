import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { EXIT_CLEAN, EXIT_FINDINGS, UnleakError } from '../../errors.js';
import { reporters, type ReportFormat, type ScanResult } from '../../report/index.js';
import type { VerifyFlags } from '../../verify/index.js';
import type { CliIo } from '../io.js';
import type { ScanCliOptions } from '../scan/scan-handler.js';
import { writeFileAtomicSync } from '../../fsutil/index.js';
import { VERSION } from '../../version.js';
import { readReport } from './report-input.js';
import { verifyIfAsked } from './verify-step.js';

/** Options of `unleak verify`. */
export interface VerifyCliOptions extends VerifyFlags {
  report?: string;
  format: ReportFormat;
  output?: string;
  config?: string;
  git: boolean;
  reveal?: boolean;
  color: boolean;
  quiet?: boolean;
}

/** Reads line `line` of a working-tree file under `root` (to rebuild a connection string around a reported password). */
function workingTreeLine(root: string): (path: string, line: number) => string | undefined {
  return (path, line) => {
    try {
      return readFileSync(resolve(root, path), 'utf8').split('\n')[line - 1]?.replace(/\r$/, '');
    } catch {
      return undefined;
    }
  };
}

/** `unleak verify --report r.json`: re-verifies the findings of an earlier `--reveal` JSON report. */
async function verifyReport(options: VerifyCliOptions, io: CliIo): Promise<ScanResult> {
  const read = readReport(io.cwd, options.report as string);
  if (read.findings.length && read.withValues === 0) {
    throw new UnleakError('UNLEAK_VERIFY_NO_VALUES', `${options.report} holds no raw values to verify (it was written without --reveal)`, {
      hint: 'Run `unleak verify [paths…]` to rescan and verify, or write the report with `unleak scan --format json --reveal -o report.json` (keep that file out of CI logs and delete it after).',
    });
  }
  const rules = loadConfig(io.cwd, options.config ? resolve(io.cwd, options.config) : undefined).rules.map((rule) => rule.spec);
  const stats = { ...read.stats, findings: read.findings.length };
  const result: ScanResult = { findings: read.findings, stats, rules, root: io.cwd, notes: [] };
  return verifyIfAsked(result, { ...options, verify: true }, io, { readLine: workingTreeLine(io.cwd) });
}

/**
 * `unleak verify`: with `--report`, re-verifies an earlier JSON report; otherwise scans the
 * paths (like `unleak scan`) and verifies what it finds. Exit 1 when findings remain after
 * `--only-verified` / `--results`, 0 when none do, 2 on error.
 */
export async function verifyHandler(paths: string[], options: VerifyCliOptions, io: CliIo): Promise<number> {
  if (!options.report) {
    const { scanHandler } = await import('../scan/scan-handler.js');
    const scanOptions: ScanCliOptions = { ...options, stdinPath: '<stdin>', verify: true };
    return scanHandler(paths, scanOptions, io);
  }
  if (paths.length)
    throw new UnleakError('UNLEAK_USAGE', 'paths do not go with --report', {
      hint: 'Either `unleak verify --report r.json` or `unleak verify [paths…]`.',
    });
  const result = await verifyReport(options, io);
  const toFile = options.output !== undefined;
  const report = reporters[options.format](result, {
    reveal: Boolean(options.reveal),
    color: !toFile && options.color && io.stdoutIsTty && !io.env.NO_COLOR,
    toolVersion: VERSION,
  });
  if (toFile) writeFileAtomicSync(resolve(io.cwd, options.output as string), report);
  else io.stdout(report);
  return result.findings.length ? EXIT_FINDINGS : EXIT_CLEAN;
}
