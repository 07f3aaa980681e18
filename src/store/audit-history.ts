import { execFile } from 'node:child_process';
import { AUDIT_CODES } from './audit-verify.js';

/**
 * The audit log is append-only, and git remembers every committed version of it: each commit's
 * log must start with its first parent's log, and the working copy must start with HEAD's. A log
 * rebuilt from scratch (a replaced store with a fresh, valid-looking chain) fails this, whoever
 * wrote it. Outside a git repository nothing is checked.
 */

/** How many commits that changed the log are checked (newest first). */
const MAX_COMMITS = 200;

function git(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, env, timeout: 30_000, maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (error, stdout) =>
      resolve(error ? undefined : stdout),
    );
  });
}

function linesOf(text: string | undefined): string[] {
  const lines = (text ?? '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function isPrefix(older: string[], newer: string[]): boolean {
  return older.length <= newer.length && older.every((line, index) => newer[index] === line);
}

/**
 * Problems where git history shows the log `relativePath` (from the repository root `root`)
 * rewritten rather than appended to; `current` is the working copy's lines.
 */
export async function auditLogRewrites(
  root: string,
  relativePath: string,
  current: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ problems: string[]; checked: number }> {
  const path = relativePath.split('\\').join('/');
  const listing = await git(['log', `--max-count=${MAX_COMMITS}`, '--format=%H %P', '--', path], root, env);
  if (listing === undefined) return { problems: [], checked: 0 };
  const versions = new Map<string, string[]>();
  const version = async (commit: string): Promise<string[]> => {
    const known = versions.get(commit);
    if (known) return known;
    const lines = linesOf(await git(['show', `${commit}:${path}`], root, env));
    versions.set(commit, lines);
    return lines;
  };
  const problems: string[] = [];
  const head = await git(['rev-parse', '--verify', '-q', 'HEAD'], root, env);
  if (head && !isPrefix(await version(head.trim()), current)) {
    problems.push(
      `${AUDIT_CODES.rewritten}: ${path}: the working copy does not start with the committed log (HEAD ${head.trim().slice(0, 12)}): entries were changed or removed`,
    );
  }
  const commits = linesOf(listing).map((line) => line.split(' '));
  for (const [commit, parent] of commits) {
    if (!commit || !parent) continue;
    if (!isPrefix(await version(parent), await version(commit))) {
      problems.push(
        `${AUDIT_CODES.rewritten}: ${path}: commit ${commit.slice(0, 12)} rewrote the log instead of appending to it (its parent's entries were changed or removed)`,
      );
    }
  }
  return { problems, checked: commits.length };
}
