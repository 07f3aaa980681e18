import { resolve } from 'node:path';
import type { ScanResult } from '../../report/index.js';
import { configuredHosts, verifyScanResult, wantsVerification, type VerifyFlags, type VerifyOptions } from '../../verify/index.js';
import type { CliIo } from '../io.js';

/**
 * `--verify` (or `--only-verified`, `--results`): checks each finding with its provider and
 * keeps the statuses asked for. Without those flags the result is returned untouched.
 */
export async function verifyIfAsked(
  result: ScanResult,
  options: VerifyFlags & { config?: string; quiet?: boolean },
  io: CliIo,
  extra: VerifyOptions = {},
): Promise<ScanResult> {
  if (!wantsVerification(options)) return result;
  if (!options.quiet && result.findings.length)
    io.stderr(`unleak: verifying ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} with their providers…\n`);
  return verifyScanResult(result, options, {
    ...extra,
    extraHosts: configuredHosts(result.root, options.config ? resolve(io.cwd, options.config) : undefined),
    env: io.env,
  });
}
