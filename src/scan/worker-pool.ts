import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isErrorCode, UnleakError } from '../errors.js';
import type { BlobTask, SegmentResult } from './blob-scan.js';
import { lineagesOf } from './blob-lineage.js';
import type { ObjectSpool, GitSpawnOptions } from '../sources/index.js';
import type { TextScanner } from './text-scanner.js';
import type { WorkerInit, WorkerReply } from './worker-protocol.js';
import { scanHistorySegment, type PackedSource } from './packed-scan.js';

/**
 * The built worker entry (`dist/history-worker.js`), found beside or above the running chunk;
 * undefined when running from source, where segments are scanned on the main thread.
 */
export function historyWorkerUrl(): URL | undefined {
  for (const relative of ['./history-worker.js', '../history-worker.js']) {
    const url = new URL(relative, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/**
 * Cuts blobs (in pack order) into about equal bytes per job, keeping every version of a file
 * together: blobs linked by `base` (the version each replaced) form one lineage, and a lineage
 * goes whole to one segment, so its versions are scanned only on their new lines (a cut through
 * a lineage scans both sides whole: pack order puts the newest version of every file first).
 * Lineages go largest first to the lightest segment; each segment keeps pack order, so its
 * `git cat-file` reads forward through the pack.
 */
export function segmentsOf(tasks: readonly BlobTask[], jobs: number): BlobTask[][] {
  if (tasks.length === 0) return [];
  const count = Math.max(1, Math.min(jobs, Math.ceil(tasks.length / 64)));
  if (count === 1) return [[...tasks]];
  const lineage = lineagesOf(tasks);
  const bytes = new Map<number, number>();
  for (let i = 0; i < tasks.length; i++) {
    const root = lineage[i] as number;
    const task = tasks[i] as BlobTask;
    bytes.set(root, (bytes.get(root) ?? 0) + Math.max(task.weight ?? task.size, 0));
  }
  const load = new Array<number>(count).fill(0);
  const segmentOf = new Map<number, number>();
  for (const [root, size] of [...bytes].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
    let lightest = 0;
    for (let s = 1; s < count; s++) if ((load[s] as number) < (load[lightest] as number)) lightest = s;
    segmentOf.set(root, lightest);
    load[lightest] = (load[lightest] as number) + size;
  }
  const segments: BlobTask[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < tasks.length; i++) segments[segmentOf.get(lineage[i] as number) as number]?.push(tasks[i] as BlobTask);
  return segments.filter((segment) => segment.length > 0);
}

/**
 * Worker threads for a history scan, started early (while the history walk runs) so that their
 * start-up and rule compilation overlap with it. `undefined` when one job is asked for or when
 * running from source (no built worker entry).
 */
export class HistoryWorkers {
  private constructor(private readonly workers: Worker[]) {}

  /** How many jobs run: the workers and this thread, which scans segments too (its rules are compiled already). */
  get size(): number {
    return this.workers.length + 1;
  }

  /** Starts `jobs - 1` workers (this thread is the last job), or none for one job. */
  static start(jobs: number, init: WorkerInit): HistoryWorkers | undefined {
    const url = jobs > 1 ? historyWorkerUrl() : undefined;
    if (!url) return undefined;
    return new HistoryWorkers(Array.from({ length: jobs - 1 }, () => new Worker(url, { workerData: init })));
  }

  /**
   * Scans every segment, each worker (and this thread, through `local`) taking the next when
   * done; results in segment order.
   */
  run(
    segments: BlobTask[][],
    onProgress: (blobs: number, bytes: number) => void,
    local: { scanner: TextScanner; git: GitSpawnOptions; started?: ObjectSpool; packed?: PackedSource },
  ): Promise<SegmentResult[]> {
    const results: SegmentResult[] = new Array(segments.length);
    let next = 0;
    let finished = 0;
    if (segments.length === 0) {
      local.started?.close();
      return Promise.resolve(results);
    }
    return new Promise<SegmentResult[]>((resolve, reject) => {
      const done = () => {
        finished += 1;
        if (finished === segments.length) resolve(results);
      };
      const scanHere = async () => {
        let started = local.started;
        while (next < segments.length) {
          const at = next++;
          results[at] = await scanHistorySegment(segments[at] as BlobTask[], local.scanner, local.git, onProgress, started, local.packed);
          started = undefined;
          done();
        }
        started?.close();
      };
      const feed = (worker: Worker) => {
        if (next < segments.length) worker.postMessage({ segment: next, tasks: segments[next++], packed: local.packed });
      };
      for (const worker of this.workers) {
        worker.on('message', (reply: WorkerReply) => {
          if (reply.type === 'progress') onProgress(reply.blobs, reply.bytes);
          else if (reply.type === 'error') reject(new UnleakError(isErrorCode(reply.code) ? reply.code : 'UNLEAK_INTERNAL', reply.message));
          else if (reply.type === 'done') {
            results[reply.segment] = reply.result;
            done();
            feed(worker);
          }
        });
        worker.on('error', (error) =>
          reject(new UnleakError('UNLEAK_INTERNAL', `history worker failed: ${error.message}`, { cause: error })),
        );
        feed(worker);
      }
      scanHere().catch(reject);
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/**
 * Scans the segments on the workers and this thread when there are workers and more than one
 * segment, else on this thread. `started`: this thread's reader, started early (closed if unused).
 */
export async function scanSegments(
  segments: BlobTask[][],
  options: {
    workers: HistoryWorkers | undefined;
    init: WorkerInit;
    scanner: TextScanner;
    onProgress: (blobs: number, bytes: number) => void;
    started?: ObjectSpool;
    packed?: PackedSource;
  },
): Promise<SegmentResult[]> {
  const { scanner, onProgress, packed } = options;
  const git = options.init.git;
  if (options.workers && segments.length > 1)
    return options.workers.run(segments, onProgress, { scanner, git, started: options.started, packed });
  const results: SegmentResult[] = [];
  let started = options.started;
  for (const segment of segments) {
    results.push(await scanHistorySegment(segment, scanner, git, onProgress, started, packed));
    started = undefined;
  }
  started?.close();
  return results;
}
