import type { ScanResult } from '../report/index.js';
import type { GitContext } from './git-context.js';
import type { GitScanOptions } from './git-options.js';

/** What a git scan needs of its caller: where git runs, and stderr for the progress bar. */
export interface GitScanIo extends GitContext {
  stderr: (text: string) => void;
  stderrIsTty: boolean;
}

/**
 * `unleak scan --staged | --range A..B | --history`: each mode loads only its own code, so a
 * pre-commit hook does not pay for the history scanner. The first git calls (the repository's
 * top; for a history or range scan also the pack listing and the refs) start before that code
 * loads, and the top decides whether the config loader (zod, YAML) loads with it: only for a top
 * with a config file, a `--config`, or a repository without a work tree (whose config comes from
 * HEAD's tree).
 */
export async function runGitScan(paths: string[], options: GitScanOptions, io: GitScanIo): Promise<ScanResult> {
  const context = { cwd: io.cwd, env: io.env };
  if (options.staged) {
    const { stagedGit } = await import('./staged-start.js');
    const start = await stagedGit(paths, context);
    try {
      const ready = start.top.then(
        (top) => configLoaderFor(top, options),
        () => undefined,
      );
      const [{ stagedScan }] = await Promise.all([import('./staged-scan.js'), ready]);
      return await stagedScan(paths, options, context, start);
    } finally {
      await start.reader.close();
    }
  }
  const { startHistoryGit } = await import('../sources/git-start.js');
  const { likelyPacked } = await import('../sources/pack-objects.js');
  // The blob reader is started ahead for a history scan that reads through git (not one that reads the packs itself).
  const spool = options.range === undefined && !likelyPacked(io.cwd, io.env);
  const early = startHistoryGit(context, { refs: options.range === undefined && !options.ref?.length, spool });
  try {
    const ready = early.info.then(
      (repo) => configLoaderFor(repo.workTree ? repo.top : undefined, options),
      () => undefined,
    );
    const [{ historyScan }] = await Promise.all([import('./history-scan.js'), ready]);
    return await historyScan(options, { ...context, progress: options.quiet || !io.stderrIsTty ? undefined : io.stderr });
  } finally {
    early.release();
  }
}

/** Loads the config loader when a scan rooted at `top` needs it (always for no top: the settings come from HEAD's tree). */
async function configLoaderFor(top: string | undefined, options: GitScanOptions): Promise<void> {
  const { needsConfigLoader, loadConfigLoader } = await import('./prepare.js');
  if (top === undefined || needsConfigLoader(top, options)) await loadConfigLoader();
}
