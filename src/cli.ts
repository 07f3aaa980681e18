#!/usr/bin/env node
import { fastScan, stagedScanPathspecs } from './cli/early-staged.js';

// V8's optimizing compiler without inlining, for this process and its worker threads: a scan's
// hot loops are few and large, and inlining into them cost the compiler threads ~0.3 s of CPU
// on a history scan, time the second of two cores lacks (npm releases benchmark, 14 interleaved
// runs: wall 1.79 -> 1.55 s, CPU 2.45 -> 2.05 s; a working-tree scan the same or better). Not for
// a staged scan (a pre-commit hook: 40 interleaved runs, ~10 ms slower without inlining). Set
// before any code is hot, and only on the V8 it was measured on (Node 20's): V8 prints an unknown
// flag to stdout. (node:v8 loaded only then: a hook does not pay for it.)
const argv = process.argv.slice(2);
if (process.versions.v8.startsWith('11.') && !argv.includes('--staged'))
  (await import('node:v8')).setFlagsFromString('--no-turbo-inlining');

// A pre-commit hook's `scan --staged` starts its git first, while this process is small; the CLI loads meanwhile.
const pathspecs = stagedScanPathspecs(argv);
const releaseEarly = pathspecs
  ? (await import('./scan/staged-start.js')).startStagedGitEarly(pathspecs, { cwd: process.cwd(), env: process.env }).release
  : undefined;
let exitCode: number;
try {
  // The common forms of a staged or history scan go straight to the scan handler; everything else through commander.
  const fast = fastScan(argv);
  const { processIo } = await import('./cli/io.js');
  exitCode = fast ? await runFast(fast, processIo()) : await (await import('./cli/program.js')).run(argv, processIo());
} finally {
  releaseEarly?.();
}
// Everything the command started has ended; once the report is flushed, exiting at once spares
// the teardown of the heap (~5 ms of a pre-commit hook).
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
process.exit(exitCode);

async function runFast(fast: NonNullable<ReturnType<typeof fastScan>>, io: import('./cli/io.js').CliIo): Promise<number> {
  try {
    const { scanHandler } = await import('./cli/scan/scan-handler.js');
    return await scanHandler(fast.paths, fast.options, io);
  } catch (error) {
    return (await import('./cli/report-error.js')).reportCliError(error, io);
  }
}
