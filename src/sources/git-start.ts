import { startEarly } from './early-answers.js';
import { ObjectSpool } from './object-spool.js';
import type { GitSpawnOptions } from './git-process.js';
import { readPackOrder } from './pack-order.js';
import { readRefTargets } from './ref-targets.js';
import { readTopLevel } from './git-exec.js';
import { readGitPaths } from './list-files.js';
import { readRepoInfo, type RepoInfo } from './repo-info.js';

/**
 * Starts the git calls a history or range scan makes first, all at once and ahead of the
 * scanner's code: the repository (`rev-parse`), the pack listing, with `refs` every ref
 * (`for-each-ref`) and with `spool` the blob reader (`git cat-file --batch`, idle until asked:
 * started while this process is small, see ObjectSpool). repoInfo(), listPackOrder(),
 * listRefTargets() and takeEarly('spool') with the same folder and environment then take these.
 * `release` stops and drops those nobody took.
 */
export function startHistoryGit(
  options: GitSpawnOptions,
  what: { refs: boolean; spool?: boolean },
): { info: Promise<RepoInfo>; release: () => void } {
  let info: Promise<RepoInfo> | undefined;
  const releases = [
    startEarly('repo-info', options, (signal) => (info = readRepoInfo({ ...options, signal }))),
    startEarly('pack-order', options, (signal) => readPackOrder({ ...options, signal })),
  ];
  if (what.refs) releases.push(startEarly('ref-targets', options, (signal) => readRefTargets({ ...options, signal })));
  if (what.spool)
    releases.push(
      startEarly('spool', options, (signal) => {
        const spool = ObjectSpool.open(options);
        signal.addEventListener('abort', () => spool?.close(), { once: true });
        return Promise.resolve(spool);
      }),
    );
  return {
    info: info as Promise<RepoInfo>,
    release: () => {
      for (const release of releases) release();
    },
  };
}

/**
 * Starts the git calls of a working-tree scan ahead of the rule compilation: the work tree's top
 * (`rev-parse --show-toplevel`) and its listing (`ls-files`) of `pathspecs`, which gitTopLevel()
 * and listGitPaths() with the same folder, pathspecs and environment then take. `release` stops
 * and drops those nobody took (the listing, outside git).
 */
export function startTreeGit(root: string, pathspecs: readonly string[], env: NodeJS.ProcessEnv | undefined): () => void {
  const options = { cwd: root, env };
  const releases = [
    startEarly('top-level', options, () => readTopLevel(root, env)),
    startEarly('git-paths', options, (signal) => readGitPaths(root, [...pathspecs], env, signal), pathspecs.join('\0')),
  ];
  return () => {
    for (const release of releases) release();
  };
}
