// Builds dist/cli.js (with lazily loaded chunks), dist/action.js (one file) and dist/builtin-rules.json.
// Prints nothing on stdout (esbuild warnings go to stderr): it is the `prepare` script, and pre-commit
// reads the tarball name from `npm pack`'s stdout (npm's own script banner is off through .npmrc).
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';

const banner = {
  js: "import { createRequire as __unleakCreateRequire } from 'node:module';\nconst require = __unleakCreateRequire(import.meta.url);",
};
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', banner, logLevel: 'warning', legalComments: 'none' };
const only = process.argv[2];

await mkdir('dist', { recursive: true });
if (!only || only === 'cli') {
  // Chunk names carry a hash: old ones would pile up and ship in the package.
  await rm('dist/chunks', { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: { cli: 'src/cli.ts', 'history-worker': 'src/scan/history-worker.ts' },
    outdir: 'dist',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
  const { compileBuiltinRulesJson } = await import('./compile-rules.mjs');
  await writeFile('dist/builtin-rules.json', await compileBuiltinRulesJson());
}
if ((!only || only === 'action') && existsSync('src/action.ts')) {
  await build({ ...common, entryPoints: { action: 'src/action.ts' }, outdir: 'dist', target: 'node24' });
}
