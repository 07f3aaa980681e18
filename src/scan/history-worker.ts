import { parentPort, workerData } from 'node:worker_threads';
import { compileRules, recordThreadTimings } from '../engine/index.js';
import { compileAllowlist } from '../filters/index.js';
import { ObjectSpool } from '../sources/index.js';
import { scanFileBatch } from './file-batch.js';
import { scanHistorySegment } from './packed-scan.js';
import type { FileBatchRequest, WorkerInit, WorkerReply, WorkerRequest } from './worker-protocol.js';

const init = workerData as WorkerInit;
// The first segment's git, started now: while this process is small, a start costs less (see ObjectSpool).
let started = init.history ? ObjectSpool.open(init.git) : undefined;
const ruleSet = compileRules(init.rules);
if (init.automaton) ruleSet.prefilter.useAutomaton(init.automaton);
const scanner = { ruleSet, allowlist: compileAllowlist(init.allowlist), maxDecodeDepth: init.maxDecodeDepth };
const port = parentPort;
const timings = recordThreadTimings(Boolean(init.timings));

port?.on('message', (request: WorkerRequest | FileBatchRequest) => {
  const reply = (message: WorkerReply) => port.postMessage(message);
  if ('kind' in request) return void answerFileBatch(request, reply);
  const onProgress = (blobs: number, bytes: number) => reply({ type: 'progress', blobs, bytes });
  const reader = started;
  started = undefined;
  scanHistorySegment(request.tasks, scanner, init.git, onProgress, reader, request.packed)
    .then((result) => {
      if (timings) {
        result.timings = timings.snapshot();
        timings.clear();
      }
      reply({ type: 'done', segment: request.segment, result });
    })
    .catch((error: unknown) => {
      const { code, message } = error as { code?: string; message?: string };
      reply({ type: 'error', segment: request.segment, code: code ?? 'UNLEAK_INTERNAL', message: message ?? String(error) });
    });
});

/** A working-tree scan's batch of files (the same worker serves tree scans): read, scan, send the tally back. */
function answerFileBatch(request: FileBatchRequest, reply: (message: WorkerReply) => void): Promise<void> {
  return scanFileBatch(request.root, request.paths, request.maxFileSize, scanner)
    .then((result) => {
      if (timings) {
        result.timings = timings.snapshot();
        timings.clear();
      }
      reply({ type: 'files-done', batch: request.batch, result });
    })
    .catch((error: unknown) => {
      const { code, message } = error as { code?: string; message?: string };
      reply({ type: 'error', segment: request.batch, code: code ?? 'UNLEAK_INTERNAL', message: message ?? String(error) });
    });
}
