import { parentPort, workerData } from 'node:worker_threads';
import { compileRules } from '../engine/index.js';
import { compileAllowlist } from '../filters/index.js';
import { scanSegment } from './blob-scan.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker-protocol.js';

const init = workerData as WorkerInit;
const scanner = { ruleSet: compileRules(init.rules), allowlist: compileAllowlist(init.allowlist), maxDecodeDepth: init.maxDecodeDepth };
const port = parentPort;

port?.on('message', (request: WorkerRequest) => {
  const reply = (message: WorkerReply) => port.postMessage(message);
  scanSegment(request.tasks, scanner, init.git, (blobs, bytes) => reply({ type: 'progress', blobs, bytes }))
    .then((result) => reply({ type: 'done', segment: request.segment, result }))
    .catch((error: unknown) => {
      const { code, message } = error as { code?: string; message?: string };
      reply({ type: 'error', segment: request.segment, code: code ?? 'UNLEAK_INTERNAL', message: message ?? String(error) });
    });
});
