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
 * pre-commit hook does not pay for the history scanner.
 */
export async function runGitScan(paths: string[], options: GitScanOptions, io: GitScanIo): Promise<ScanResult> {
  const context = { cwd: io.cwd, env: io.env };
  if (options.staged) {
    const { startStagedGit } = await import('./staged-start.js');
    const start = startStagedGit(paths, context);
    try {
      const { stagedScan } = await import('./staged-scan.js');
      return await stagedScan(paths, options, context, start);
    } finally {
      await start.reader.close();
    }
  }
  const { historyScan } = await import('./history-scan.js');
  return historyScan(options, { ...context, progress: options.quiet || !io.stderrIsTty ? undefined : io.stderr });
}
