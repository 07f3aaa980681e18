import { lstatSync } from 'node:fs';
import { join, sep } from 'node:path';
import { threadTimings } from '../engine/index.js';
import type { ScanResult } from '../report/index.js';
import { fileSource, type ListedPath } from '../sources/index.js';
import { collectFindings, finishCollect } from './collect.js';
import { scanFileBatch } from './file-batch.js';
import type { FileTally } from './file-tally.js';
import { parseJobs } from './jobs.js';
import type { ScanSetup } from './prepare.js';
import type { TextScanner } from './text-scanner.js';
import { TreeWorkers } from './tree-workers.js';
import { workingTreePaths, type WorkingTreeTarget } from './working-tree.js';

/**
 * A tree at least this large (bytes of its files) is scanned on worker threads too. Measured on
 * this project's 2-core machine, a worker costs about 0.5 s of CPU the one thread does not
 * spend (0.25 s thread start and rule compilation, then its own cold regexes and JIT), while
 * one thread scans about 20-25 MB/s: below some 16 MB the one thread is done first.
 */
export const TREE_WORKER_MIN_BYTES = 16 * 1024 * 1024;

/** Or at least this many files, whatever their size (each costs an open and a read; the size check stats them). */
export const TREE_WORKER_MIN_FILES = 5000;

/** Files per batch handed to a worker: small enough to balance two workers, large enough that messages cost nothing. */
export const TREE_BATCH_FILES = 32;

/** Options of a working-tree scan. */
export interface TreeScanOptions {
  noGit: boolean;
  env?: NodeJS.ProcessEnv;
  /** `--jobs N`: worker threads for a large tree (default: one per core; 1: this thread only). */
  jobs?: string;
  skipUnreadable?: boolean;
  /** Told how the scan runs (`UNLEAK_DEBUG`): on this thread or on N workers, and why. */
  debug?: (text: string) => void;
}

/**
 * `unleak scan [paths]`: lists the files, then reads and scans them on this thread, or, for a
 * tree large enough to pay for starting them, on `--jobs` worker threads fed batches of paths
 * as they finish. Both give the same findings in the same order.
 */
export async function scanWorkingTree(setup: ScanSetup, target: WorkingTreeTarget, options: TreeScanOptions): Promise<ScanResult> {
  const jobs = parseJobs(options.jobs);
  const paths = await workingTreePaths(target, options);
  const large = jobs > 1 && isLargeTree(target.root, paths);
  const batches = Math.ceil(paths.length / TREE_BATCH_FILES);
  const workers = large && batches > 1 ? TreeWorkers.start(Math.min(jobs, batches), workerInit(setup, target, options)) : undefined;
  options.debug?.(
    `unleak: debug: tree scan of ${paths.length} files on ${workers ? `${workers.size} threads (this one and ${workers.size - 1} worker${workers.size === 2 ? '' : 's'})` : `this thread (${jobs === 1 ? 'one job' : large ? 'no worker entry' : 'small tree'})`}\n`,
  );
  if (!workers)
    return collectFindings(setup, fileSource(target.root, paths, { maxFileSize: setup.maxFileSize }), 'files', {
      skipUnreadable: options.skipUnreadable,
    });
  const started = performance.now();
  let tally: FileTally;
  try {
    const scanner: TextScanner = { ruleSet: setup.ruleSet, allowlist: setup.allowlist, maxDecodeDepth: setup.config.maxDecodeDepth };
    tally = await workers.run(batchesOf(paths), { root: target.root, maxFileSize: setup.maxFileSize }, (batch) =>
      scanFileBatch(target.root, batch, setup.maxFileSize, scanner),
    );
  } finally {
    await workers.close();
  }
  options.debug?.(
    `unleak: debug: batches of ${TREE_BATCH_FILES} files: ${workers.batches.here} on this thread, ${workers.batches.workers} on the workers\n`,
  );
  return finishCollect(setup, tally, 'files', { now: () => performance.now(), started, skipUnreadable: options.skipUnreadable });
}

function workerInit(setup: ScanSetup, target: WorkingTreeTarget, options: TreeScanOptions) {
  return {
    rules: setup.ruleInputs,
    allowlist: setup.config.allowlist,
    maxDecodeDepth: setup.config.maxDecodeDepth,
    git: { cwd: target.root, env: options.env },
    timings: threadTimings() !== undefined,
    // Built here anyway (this thread scans too): the workers take it instead of building their own.
    automaton: setup.ruleSet.prefilter.automatonTables(),
  };
}

/** True when the listed files reach either threshold; stats files only until the byte threshold is reached. */
function isLargeTree(root: string, paths: readonly ListedPath[]): boolean {
  if (paths.length >= TREE_WORKER_MIN_FILES) return true;
  let bytes = 0;
  for (const file of paths) {
    const where = file.raw ? Buffer.concat([Buffer.from(`${root}${sep}`), file.raw]) : join(root, file.path);
    bytes += lstatSync(where, { throwIfNoEntry: false })?.size ?? 0;
    if (bytes >= TREE_WORKER_MIN_BYTES) return true;
  }
  return false;
}

function* batchesOf(paths: readonly ListedPath[]): Generator<ListedPath[]> {
  for (let from = 0; from < paths.length; from += TREE_BATCH_FILES) yield paths.slice(from, from + TREE_BATCH_FILES);
}
