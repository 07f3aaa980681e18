import { spawn } from 'node:child_process';
import { UnleakError } from '../../errors.js';

/**
 * Runs `git filter-repo --replace-text` (Debian's `git-filter-repo`). The expressions hold the raw
 * values, so they never touch the disk or a command line: bash reads them from its stdin into a
 * variable and hands them to filter-repo through process substitutions (kernel pipes).
 */

/** How to install git-filter-repo, for the error when it is missing. */
export const FILTER_REPO_INSTALL_HINT =
  'Install git-filter-repo: Debian/Ubuntu: sudo apt-get install git-filter-repo; macOS: brew install git-filter-repo; ' +
  'elsewhere: pip install git-filter-repo (https://github.com/newren/git-filter-repo/blob/main/INSTALL.md).';

/** The output of a finished process. */
export interface ProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 128, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** The installed git-filter-repo's version, or undefined when `git filter-repo` is not available. */
export async function filterRepoVersion(env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const result = await run('git', ['filter-repo', '--version'], { cwd: process.cwd(), env });
    return result.code === 0 ? result.stdout.trim() || 'unknown' : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The options that make filter-repo rewrite content only, keeping every ref and every commit:
 * - `--partial` (with the default `--refs --all`): no moving of `refs/remotes/origin/*` onto
 *   `refs/heads/*` (which deleted remote-tracking refs, and with them fetched commits not merged
 *   locally, even without an `origin` remote), no removal of the `origin` remote, no deletion of
 *   refs it did not export, and no reflog expiry or gc: the caller checks first, then cleans up.
 * - `--replace-refs update-no-add`: existing replacement refs are updated, none added.
 * - `--prune-empty never`, `--prune-degenerate never`, `--no-ff`: a commit that only changed a
 *   value (and so becomes empty) and merges stay, so the commit count is unchanged.
 */
export const FILTER_REPO_OPTIONS = [
  '--force',
  '--partial',
  '--replace-refs',
  'update-no-add',
  '--prune-empty',
  'never',
  '--prune-degenerate',
  'never',
  '--no-ff',
];

const SCRIPT = `IFS= read -r -d "" UNLEAK_EXPRESSIONS; exec git filter-repo ${FILTER_REPO_OPTIONS.join(' ')} --replace-text <(printf "%s" "$UNLEAK_EXPRESSIONS") --replace-message <(printf "%s" "$UNLEAK_EXPRESSIONS")`;

/**
 * Rewrites every ref of the repository at `cwd` (a work tree or a bare repository), replacing the
 * expressions in every blob and commit message. Throws UNLEAK_PURGE_FAILED with filter-repo's output.
 * Leaves reflogs and old objects alone (see rewrite-history.ts).
 */
export async function runFilterRepo(cwd: string, expressions: string, env?: NodeJS.ProcessEnv): Promise<ProcessRun> {
  let result: ProcessRun;
  try {
    result = await run('bash', ['-c', SCRIPT], { cwd, env, input: expressions });
  } catch (error) {
    throw new UnleakError('UNLEAK_PURGE_FAILED', `cannot start bash to run git filter-repo: ${(error as Error).message}`, { cause: error });
  }
  if (result.code !== 0) {
    const detail = `${result.stderr}\n${result.stdout}`.trim().split('\n').slice(-4).join(' ');
    throw new UnleakError('UNLEAK_PURGE_FAILED', `git filter-repo failed (exit ${result.code}): ${detail}`, {
      hint: 'unleak restores the repository from the backup bundle (see above).',
    });
  }
  return result;
}
