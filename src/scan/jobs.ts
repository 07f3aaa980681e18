import { availableParallelism } from 'node:os';
import { UnleakError } from '../errors.js';

/**
 * `--jobs N` (history and working-tree scans): a whole number of at least 1. Default: one per
 * core; for history and range scans (`forHistory`) three for every five cores, at least one:
 * each job reads through its own `git cat-file`, which rebuilds blobs from their deltas and
 * keeps a good part of another core busy (on 2 cores one job with its git beat two jobs with
 * theirs on every benchmark history).
 * A history scan that reads the packs itself (`'packs'`, src/sources/pack-objects.ts) runs no git
 * per job: one job per core but one, which V8's own threads (compilation, garbage collection: a
 * second job is a second heap and a second compilation of the rules) keep busy.
 */
export function parseJobs(value: string | undefined, forHistory: boolean | 'packs' = false): number {
  if (value === undefined) {
    const cores = availableParallelism();
    if (forHistory === 'packs') return Math.max(1, cores - 1);
    return forHistory ? Math.max(1, Math.round(cores * 0.6)) : cores;
  }
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UnleakError('UNLEAK_USAGE', `--jobs takes a whole number of at least 1, got "${value}"`);
  return jobs;
}
