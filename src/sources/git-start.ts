import { startEarly } from './early-answers.js';
import { ObjectSpool } from './object-spool.js';
import { spawnGit, type GitSpawnOptions } from './git-process.js';
import { GitLauncher, type SlotSpec } from './git-launcher.js';
import { commitLogArgs, HISTORY_LOG_REVS } from './commit-log.js';
import { PACK_ORDER_ARGS, readPackOrder } from './pack-order.js';
import { readRefTargets, REF_TARGET_ARGS } from './ref-targets.js';
import { readTopLevel } from './git-exec.js';
import { readGitPaths } from './list-files.js';
import { readRepoInfo, REPO_INFO_ARGS, type RepoInfo } from './repo-info.js';

/**
 * Starts the git calls a history or range scan makes first, all at once and ahead of the
 * scanner's code: the repository (`rev-parse`), the pack listing, with `refs` every ref
 * (`for-each-ref`) and the log of them all, and with `spool` the blob reader (`git cat-file
 * --batch`, idle until asked: started while this process is small, see ObjectSpool). The first
 * four start from one launcher (one process start, see git-launcher.ts), or one by one where
 * there is no POSIX shell; the blob reader is a process of its own (a launched git ignores
 * Ctrl-C, and one writing to a file would go on after unleak has stopped).
 * repoInfo(), listPackOrder(), listRefTargets(), streamCommitLog(HISTORY_LOG_REVS) and
 * takeEarly('spool') with the same folder and environment then take these. `release` stops
 * and drops those nobody took.
 */
export function startHistoryGit(
  options: GitSpawnOptions,
  what: { refs: boolean; spool?: boolean },
): { info: Promise<RepoInfo>; release: () => void } {
  const logArgs = commitLogArgs(HISTORY_LOG_REVS);
  const slots: Record<string, SlotSpec> = { 'repo-info': { args: REPO_INFO_ARGS }, 'pack-order': { args: PACK_ORDER_ARGS } };
  if (what.refs) Object.assign(slots, { 'ref-targets': { args: REF_TARGET_ARGS }, 'commit-log': { args: logArgs } });
  const launcher = GitLauncher.open(options, slots);
  const inSlot = (slot: string, signal: AbortSignal): GitSpawnOptions => ({
    ...options,
    signal,
    ...(launcher ? { launch: { launcher, slot } } : {}),
  });
  let info: Promise<RepoInfo> | undefined;
  const releases = [
    startEarly('repo-info', options, (signal) => (info = readRepoInfo(inSlot('repo-info', signal)))),
    startEarly('pack-order', options, (signal) => readPackOrder(inSlot('pack-order', signal))),
  ];
  if (what.refs) {
    releases.push(startEarly('ref-targets', options, (signal) => readRefTargets(inSlot('ref-targets', signal))));
    releases.push(
      startEarly('commit-log', options, (signal) => Promise.resolve(spawnGit(logArgs, inSlot('commit-log', signal))), logArgs.join('\0')),
    );
  }
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
      launcher?.release();
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
