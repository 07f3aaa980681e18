import type { GitSpawnOptions } from './git-process.js';

/** What git is asked ahead of the code that needs the answer. */
export type EarlyKind = 'repo-info' | 'pack-order' | 'ref-targets' | 'commit-log' | 'top-level' | 'git-paths' | 'staged' | 'spool';

interface Early {
  kind: EarlyKind;
  /** What else the question depends on (the pathspecs of a listing). */
  key: string;
  cwd: string;
  env: NodeJS.ProcessEnv | undefined;
  answer: Promise<unknown>;
  stop: AbortController;
}

const waiting: Early[] = [];

/**
 * Starts `ask` now, so git answers while the scanner's code loads; the next takeEarly() of the
 * same kind, folder and environment gets this answer instead of starting git again. The
 * returned function drops the answer when nobody took it, and stops the git it runs.
 */
export function startEarly<T>(kind: EarlyKind, options: GitSpawnOptions, ask: (signal: AbortSignal) => Promise<T>, key = ''): () => void {
  const stop = new AbortController();
  const answer = ask(stop.signal);
  answer.catch(() => undefined);
  const early: Early = { kind, key, cwd: options.cwd, env: options.env, answer, stop };
  waiting.push(early);
  return () => {
    const at = waiting.indexOf(early);
    if (at === -1) return;
    waiting.splice(at, 1);
    stop.abort();
  };
}

/** The answer started ahead for this kind, folder, environment and key (once); undefined when there is none. */
export function takeEarly<T>(kind: EarlyKind, options: GitSpawnOptions, key = ''): Promise<T> | undefined {
  const at = waiting.findIndex(
    (early) => early.kind === kind && early.key === key && early.cwd === options.cwd && early.env === options.env,
  );
  if (at === -1) return undefined;
  const [early] = waiting.splice(at, 1);
  return early?.answer as Promise<T> | undefined;
}
