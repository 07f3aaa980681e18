import { Worker } from 'node:worker_threads';
import { isErrorCode, UnleakError } from '../errors.js';
import { threadTimings } from '../engine/index.js';
import type { ListedPath } from '../sources/display-path.js';
import { emptyTally, mergeTally, type FileTally } from './file-tally.js';
import { historyWorkerUrl } from './worker-pool.js';
import type { FileBatchRequest, WorkerInit, WorkerReply } from './worker-protocol.js';

/** Batches each worker holds at once, so that none idles while this thread scans a batch of its own. */
const IN_FLIGHT_PER_WORKER = 3;

/** Where the files of a batch are read from and how large a file may be. */
export interface FileBatchPlace {
  root: string;
  maxFileSize: number;
}

/** Scans one batch on this thread. */
export type LocalBatchScan = (paths: ListedPath[]) => Promise<FileTally>;

/**
 * Reads and scans batches of working-tree files on worker threads (the history worker entry,
 * which serves both) and on this thread, which starts at once while the workers start up and
 * compile the rules. Batches are handed out as threads finish (a few per worker at a time, so
 * the paths are streamed, never all queued), and their tallies merged in batch order: the
 * result equals a scan of the same files, in the same order, on one thread.
 */
export class TreeWorkers {
  /** Batches scanned on this thread and on the workers, after `run` (for `UNLEAK_DEBUG`). */
  readonly batches = { here: 0, workers: 0 };

  private constructor(private readonly workers: Worker[]) {}

  /** How many threads scan: the workers and this one. */
  get size(): number {
    return this.workers.length + 1;
  }

  /** Starts `jobs - 1` workers (at least one), or none: one job, or no built worker entry (running from source). */
  static start(jobs: number, init: WorkerInit): TreeWorkers | undefined {
    const url = jobs > 1 ? historyWorkerUrl() : undefined;
    if (!url) return undefined;
    return new TreeWorkers(Array.from({ length: jobs - 1 }, () => new Worker(url, { workerData: init })));
  }

  /** Scans every batch `batches` yields, on the workers and with `local`; the merged tally, in batch order. */
  run(batches: Iterator<ListedPath[]>, place: FileBatchPlace, local: LocalBatchScan): Promise<FileTally> {
    const total = emptyTally();
    const waiting = new Map<number, FileTally>();
    let sent = 0;
    let merged = 0;
    let exhausted = false;
    return new Promise<FileTally>((resolve, reject) => {
      const settleIfDone = (): void => {
        if (exhausted && merged === sent) resolve(total);
      };
      const take = (): { batch: number; paths: ListedPath[] } | undefined => {
        const next = exhausted ? undefined : batches.next();
        if (!next || next.done) {
          exhausted = true;
          settleIfDone();
          return undefined;
        }
        return { batch: sent++, paths: next.value };
      };
      const accept = (batch: number, tally: FileTally): void => {
        waiting.set(batch, tally);
        for (let ready = waiting.get(merged); ready; ready = waiting.get(merged)) {
          waiting.delete(merged);
          if (ready.timings) threadTimings()?.merge(ready.timings);
          mergeTally(total, ready);
          merged += 1;
        }
        settleIfDone();
      };
      const feed = (worker: Worker): void => {
        const next = take();
        if (next)
          worker.postMessage({
            kind: 'files',
            batch: next.batch,
            root: place.root,
            paths: next.paths,
            maxFileSize: place.maxFileSize,
          } satisfies FileBatchRequest);
      };
      for (const worker of this.workers) {
        worker.on('message', (reply: WorkerReply) => {
          if (reply.type === 'error') reject(new UnleakError(isErrorCode(reply.code) ? reply.code : 'UNLEAK_INTERNAL', reply.message));
          if (reply.type !== 'files-done') return;
          this.batches.workers += 1;
          feed(worker);
          accept(reply.batch, reply.result);
        });
        worker.on('error', (error) =>
          reject(new UnleakError('UNLEAK_INTERNAL', `tree scan worker failed: ${error.message}`, { cause: error })),
        );
      }
      for (let round = 0; round < IN_FLIGHT_PER_WORKER; round++) for (const worker of this.workers) feed(worker);
      const scanHere = async (): Promise<void> => {
        for (let next = take(); next; next = take()) {
          const tally = await local(next.paths);
          this.batches.here += 1;
          accept(next.batch, tally);
          // Let the workers' replies in, so they are fed again before this thread takes another batch.
          await new Promise((done) => setImmediate(done));
        }
      };
      scanHere().catch(reject);
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
