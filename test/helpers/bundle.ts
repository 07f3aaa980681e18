import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildFailure, type BuildOptions } from 'esbuild';

/** The repository root: relative entry points resolve from here, and so do packages of temp entries. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What a test bundles: entry points and where the output goes; splitting for lazily loaded chunks. */
export type BundleOptions = Pick<BuildOptions, 'entryPoints' | 'outdir' | 'outfile' | 'splitting' | 'chunkNames' | 'target'>;

/**
 * Bundles TypeScript sources into an ESM script that a test runs with `node` (as
 * scripts/build.mjs builds dist/: node platform, a `require` for CommonJS dependencies). An
 * import that does not resolve fails the bundle with the importer and the path: it never
 * becomes an empty module, so a test cannot pass on code that lost a file.
 */
export async function bundleForTest(options: BundleOptions): Promise<void> {
  try {
    await build({
      absWorkingDir: REPO_ROOT,
      nodePaths: [join(REPO_ROOT, 'node_modules')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      banner: {
        js: "import { createRequire as __unleakCreateRequire } from 'node:module';\nconst require = __unleakCreateRequire(import.meta.url);",
      },
      legalComments: 'none',
      logLevel: 'silent',
      ...options,
    });
  } catch (error) {
    const failures = (error as Partial<BuildFailure>).errors ?? [];
    if (!failures.length) throw error;
    const where = failures.map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`).join('\n');
    throw new Error(`esbuild could not bundle ${JSON.stringify(options.entryPoints)}:\n${where}`, { cause: error });
  }
}
