#!/usr/bin/env node
import { stagedScanPathspecs } from './cli/early-staged.js';

// A pre-commit hook's `scan --staged` starts its git first, while this process is small; the CLI loads meanwhile.
const argv = process.argv.slice(2);
const pathspecs = stagedScanPathspecs(argv);
const early = pathspecs ? await import('./scan/staged-start.js') : undefined;
early?.startStagedGitEarly(pathspecs ?? [], { cwd: process.cwd(), env: process.env });
const [{ run }, { processIo }] = await Promise.all([import('./cli/program.js'), import('./cli/io.js')]);
let exitCode: number;
try {
  exitCode = await run(argv, processIo());
} finally {
  await early?.closeEarlyStagedGit();
}
// Everything the command started has ended; once the report is flushed, exiting at once spares
// the teardown of the heap (~5 ms of a pre-commit hook).
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
process.exit(exitCode);
