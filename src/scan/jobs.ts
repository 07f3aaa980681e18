import { availableParallelism } from 'node:os';
import { UnleakError } from '../errors.js';

/** `--jobs N` (history and working-tree scans): a whole number of at least 1; default, one per core. */
export function parseJobs(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UnleakError('UNLEAK_USAGE', `--jobs takes a whole number of at least 1, got "${value}"`);
  return jobs;
}
