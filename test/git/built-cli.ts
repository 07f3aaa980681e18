import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const outdir = join(ROOT, '.bench', `test-cli-${process.pid}`);

/**
 * Other work in progress in the same checkout may import a module not written yet; such an
 * import becomes an empty module here, so these tests build whatever the state of unrelated code.
 */
const toleratesMissingModules: Plugin = {
  name: 'tolerate-missing-modules',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.importer.includes('/node_modules/')) return undefined; // a dependency's own (often extensionless) imports
      const path = resolve(args.resolveDir, args.path);
      const exists = [path, path.replace(/\.js$/, '.ts')].some((candidate) => existsSync(candidate));
      return exists ? undefined : { path, namespace: 'missing-module' };
    });
    b.onLoad({ filter: /.*/, namespace: 'missing-module' }, () => ({ contents: 'export {};', loader: 'js', resolveDir: dirname(ROOT) }));
  },
};

/**
 * Builds the CLI (and the history worker) as scripts/build.mjs does, into a folder of this test
 * process under .bench/, so tests never race with a build of dist/ in the same checkout.
 * Returns the path of `cli.js`.
 */
export async function buildTestCli(): Promise<string> {
  const cli = join(outdir, 'cli.js');
  if (existsSync(cli)) return cli;
  mkdirSync(outdir, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: "import { createRequire as __unleakCreateRequire } from 'node:module';\nconst require = __unleakCreateRequire(import.meta.url);" },
    logLevel: 'warning',
    legalComments: 'none',
    entryPoints: { cli: 'src/cli.ts', 'history-worker': 'src/scan/history-worker.ts' },
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [toleratesMissingModules],
  });
  return cli;
}

/** Removes this process's build. */
export function removeTestCli(): void {
  rmSync(outdir, { recursive: true, force: true });
}
