import { UnleakError } from '../errors.js';
import type { ScanResult } from '../report/index.js';

/** Placeholder until the git sources land: staged, range and history scans. */
export async function runGitScan(_paths: string[], _options: unknown, _io: unknown): Promise<ScanResult> {
  throw new UnleakError('UNLEAK_NOT_IMPLEMENTED', 'git scans are not available in this build');
}
