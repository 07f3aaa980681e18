import { availableParallelism } from 'node:os';
import { UnleakError } from '../errors.js';

/**
 * `--jobs N` (history and working-tree scans): a whole number of at least 1. Default: one per
 * core; for history and range scans (`forHistory`) three for every five cores, at least one:
 * each job reads through its own `git cat-file`, which rebuilds blobs from their deltas and
 * keeps a good part of another core busy (on 2 cores one job with its git beat two jobs with
 * theirs on every benchmark history).
 */
export function parseJobs(value: string | undefined, forHistory = false): number {
  if (value === undefined) return forHistory ? Math.max(1, Math.round(availableParallelism() * 0.6)) : availableParallelism();
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UnleakError('UNLEAK_USAGE', `--jobs takes a whole number of at least 1, got "${value}"`);
  return jobs;
}
