// Written from https://github.com/steveukx/git-js#readme (configuration, environment variables).
import type { SimpleGit } from 'simple-git';
import { UnleakError } from '../errors.js';

/**
 * simple-git for porcelain questions (status, remotes, rev-parse, config) where its parsed answers
 * read better than parsing stdout by hand. Never for the scan path (the staged scan relies on
 * GIT_INDEX_FILE, streaming stays on `spawnGit`), and loaded only when first used.
 *
 * simple-git 4 strips the caller's GIT_* variables (GIT_DIR, GIT_INDEX_FILE, GIT_CONFIG_GLOBAL…) and
 * refuses EDITOR, PAGER and the like unless each is allowed. unleak runs git as the user, with the
 * user's own environment, as a `git` typed in the same shell would, and with arguments fixed in
 * this code (no user input becomes an option); so every variable of `env` is allowed and kept.
 */
const USER_ENVIRONMENT = {
  allowUnsafeAskPass: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeDiffExternal: true,
  allowUnsafeEditor: true,
  allowUnsafeExec: true,
  allowUnsafeGitProxy: true,
  allowUnsafePager: true,
  allowUnsafeSshCommand: true,
  allowUnsafeTemplateDir: true,
};

/**
 * Runs `work` with a simple-git bound to `cwd` and `env` (default: this process's environment);
 * a git failure is UNLEAK_GIT_FAILED naming `what`, with git's first two lines of stderr.
 */
export async function withPorcelainGit<T>(
  cwd: string,
  env: NodeJS.ProcessEnv | undefined,
  what: string,
  work: (git: SimpleGit) => Promise<T>,
): Promise<T> {
  const { simpleGit } = await import('simple-git');
  const vars = Object.fromEntries(Object.entries(env ?? process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const git = simpleGit({ baseDir: cwd, allowEnvironment: Object.keys(vars), unsafe: USER_ENVIRONMENT }).env(vars);
  try {
    return await work(git);
  } catch (error) {
    if (error instanceof UnleakError) throw error;
    const detail = (error as Error).message.trim().split('\n').slice(0, 2).join(' ');
    throw new UnleakError('UNLEAK_GIT_FAILED', `git ${what} failed: ${detail}`, { cause: error });
  }
}
