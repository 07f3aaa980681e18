import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { UnleakError } from '../errors.js';
import type { GitLauncher, LaunchedGit } from './git-launcher.js';

/** Where and how a git process runs: the caller's env is passed whole (GIT_INDEX_FILE, GIT_DIR…). */
export interface GitSpawnOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Open a pipe to git's stdin (cat-file --batch); otherwise stdin is closed. */
  stdin?: boolean;
  /** Stops git (an answer asked ahead that nobody took: see early-answers.ts). */
  signal?: AbortSignal;
  /** Start git in this slot of a launcher (see git-launcher.ts), not as a process of its own. */
  launch?: { launcher: GitLauncher; slot: string };
}

/**
 * Starts git with stdin a pipe or closed, stdout and stderr pipes: in `options.launch`'s slot
 * when it has one for these arguments, otherwise as a process of its own (a ChildProcess, of
 * which a launched git has the parts used here).
 */
function startGit(args: readonly string[], options: GitSpawnOptions): LaunchedGit {
  const launched = options.stdin ? undefined : options.launch?.launcher.start(options.launch.slot, args);
  if (launched) {
    const { signal } = options;
    if (signal?.aborted) launched.kill();
    else signal?.addEventListener('abort', () => launched.kill(), { once: true });
    return launched;
  }
  return spawn('git', args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    signal: options.signal,
  }) as LaunchedGit;
}

/** A running git process: stdout as a stream, and `done`, which rejects with UNLEAK_GIT_FAILED on a non-zero exit. */
export interface GitProcess {
  stdout: Readable;
  stdin: Writable | undefined;
  done: Promise<void>;
  /** Stops the process; `done` then resolves instead of rejecting. */
  kill(): void;
}

/**
 * Memory bounds for a git process that reads a whole history (`log --raw`, the pack listing,
 * `cat-file --batch`): by default git maps up to 8 GB of pack files, and each page it reads stays
 * in its resident set, and caches 96 MB of delta bases, so a pass over a 1 GB history grew one
 * git process to 400-500 MB. Mapping 16 MB windows, at most 64 MB at a time, and a 32 MB base
 * cache keep each near 100 MB, at no loss of speed on the benchmark repositories.
 */
export const BOUNDED_READ_CONFIG: readonly string[] = [
  '-c',
  'core.packedGitWindowSize=16m',
  '-c',
  'core.packedGitLimit=64m',
  '-c',
  'core.deltaBaseCacheLimit=32m',
];

/** The error for a failed git command: its subcommand and the first lines of its stderr. */
export function gitFailed(args: readonly string[], detail: string, cause?: unknown): UnleakError {
  const sub = args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '-c') ?? 'git';
  const text = detail.trim().split('\n').slice(0, 3).join(' ');
  return new UnleakError('UNLEAK_GIT_FAILED', `git ${sub} failed: ${text}`, {
    cause,
    hint: 'Run the scan inside a git work tree, with git on the PATH.',
  });
}

/** Starts git with streaming stdout (never buffered whole). */
export function spawnGit(args: readonly string[], options: GitSpawnOptions): GitProcess {
  const child = startGit(args, options);
  const stdout = child.stdout as Readable;
  const errors = child.stderr as Readable;
  let stderr = '';
  let killed = false;
  errors.setEncoding('utf8');
  errors.on('data', (text: string) => {
    if (stderr.length < 8192) stderr += text;
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (error) => reject(gitFailed(args, error.message, error)));
    child.on('close', (code, signal) => {
      if (code === 0 || killed) resolve();
      else reject(gitFailed(args, stderr || `exit ${code ?? signal}`));
    });
  });
  done.catch(() => undefined);
  child.stdin?.on('error', () => undefined);
  return {
    stdout,
    stdin: child.stdin ?? undefined,
    done,
    kill() {
      killed = true;
      child.kill();
    },
  };
}

/** Runs git to completion; returns its exit code, stdout and stderr whatever the code. */
export function gitRun(args: readonly string[], options: GitSpawnOptions): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = startGit(args, options);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (part: Buffer) => out.push(part));
    child.stderr?.on('data', (part: Buffer) => err.push(part));
    child.on('error', (error) => reject(gitFailed(args, error.message, error)));
    child.on('close', (code) =>
      resolve({ code: code ?? 128, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** Runs git to completion and returns its stdout as bytes. */
export async function gitBytes(args: readonly string[], options: GitSpawnOptions): Promise<Buffer> {
  const proc = spawnGit(args, options);
  const parts: Buffer[] = [];
  for await (const part of proc.stdout) parts.push(part as Buffer);
  await proc.done;
  return Buffer.concat(parts);
}

/** Runs git and yields its stdout split at `separator` (NUL or newline), streaming. */
export async function* gitRecords(args: readonly string[], options: GitSpawnOptions, separator: 0 | 10): AsyncGenerator<string> {
  const proc = spawnGit(args, options);
  let rest: Buffer | undefined;
  try {
    for await (const part of proc.stdout) {
      const chunk = rest ? Buffer.concat([rest, part as Buffer]) : (part as Buffer);
      let start = 0;
      let at = chunk.indexOf(separator, start);
      while (at !== -1) {
        yield chunk.toString('utf8', start, at);
        start = at + 1;
        at = chunk.indexOf(separator, start);
      }
      rest = start < chunk.length ? chunk.subarray(start) : undefined;
    }
    if (rest?.length) yield rest.toString('utf8');
    await proc.done;
  } finally {
    proc.kill();
  }
}
