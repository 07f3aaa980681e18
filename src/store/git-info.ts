import { execFile } from 'node:child_process';

/**
 * The two things the store asks git: where the repository root is, and who is acting (for the
 * audit trail). Both fall back gracefully when git or a repository is absent.
 */

function git(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, env, timeout: 10_000, windowsHide: true }, (error, stdout) => {
      resolve(error ? undefined : stdout.trim() || undefined);
    });
  });
}

/** The top of the git work tree containing `cwd`, or `cwd` itself outside a repository. */
export async function resolveRepoRoot(cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return (await git(['rev-parse', '--show-toplevel'], cwd, env)) ?? cwd;
}

/** The actor recorded in audit entries: git user.email, else GIT_AUTHOR_EMAIL or EMAIL, else `unknown`. */
export async function resolveActor(root: string, env: NodeJS.ProcessEnv): Promise<string> {
  return (await git(['config', '--get', 'user.email'], root, env)) ?? env.GIT_AUTHOR_EMAIL ?? env.EMAIL ?? 'unknown';
}

/** True when git would ignore `path` (used to warn before writing plaintext next to tracked files). */
export async function isGitIgnored(path: string, cwd: string, env: NodeJS.ProcessEnv): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['check-ignore', '-q', '--', path], { cwd, env, timeout: 10_000, windowsHide: true }, (error) => {
      if (!error) resolve(true);
      else resolve((error as { code?: unknown }).code === 1 ? false : undefined);
    });
  });
}

/** True when `path` is tracked by git (so its content is in history). */
export async function isGitTracked(path: string, cwd: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return (await git(['ls-files', '--full-name', '--', path], cwd, env)) !== undefined;
}
