import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleForTest, REPO_ROOT } from '../helpers/bundle.js';

const outdir = join(REPO_ROOT, '.bench', `test-cli-${process.pid}`);

/**
 * Builds the CLI (and the history worker) as scripts/build.mjs does, into a folder of this test
 * process under .bench/, so tests never race with a build of dist/ in the same checkout.
 * Returns the path of `cli.js`.
 */
export async function buildTestCli(): Promise<string> {
  const cli = join(outdir, 'cli.js');
  if (existsSync(cli)) return cli;
  mkdirSync(outdir, { recursive: true });
  await bundleForTest({
    entryPoints: { cli: 'src/cli.ts', 'history-worker': 'src/scan/history-worker.ts' },
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
  return cli;
}

/** Removes this process's build. */
export function removeTestCli(): void {
  rmSync(outdir, { recursive: true, force: true });
}
