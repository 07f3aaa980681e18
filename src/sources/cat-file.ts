import { CatFileParser, type GitObject } from './cat-file-parser.js';
import { BOUNDED_READ_CONFIG, spawnGit, type GitProcess, type GitSpawnOptions } from './git-process.js';
import { UnleakError } from '../errors.js';
import type { BufferPool } from './buffer-pool.js';

/**
 * One long-running `git cat-file --batch`: ask for objects by id, get them back in order.
 * Requests are pipelined; `close()` ends the process.
 */
export class CatFileReader {
  private readonly proc: GitProcess;
  private readonly waiting: { resolve: (object: GitObject) => void; reject: (error: unknown) => void }[] = [];
  private failure: unknown;
  private readonly parser: CatFileParser;

  constructor(options: GitSpawnOptions & { maxContentSize?: number }) {
    this.proc = spawnGit(['cat-file', '--batch'], { ...options, stdin: true });
    const parser = new CatFileParser((object) => this.waiting.shift()?.resolve(object), options.maxContentSize);
    this.parser = parser;
    const fail = (error: unknown) => {
      this.failure ??= error;
      for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
    };
    this.proc.stdout.on('data', (chunk: Buffer) => {
      try {
        parser.push(chunk);
      } catch (error) {
        fail(new UnleakError('UNLEAK_GIT_FAILED', (error as Error).message, { cause: error }));
        this.proc.kill();
      }
    });
    this.proc.done.then(() => fail(new UnleakError('UNLEAK_GIT_FAILED', 'git cat-file stopped before answering')), fail);
  }

  /** Objects larger than this come back without content (set before reading them). */
  set maxContentSize(bytes: number) {
    this.parser.maxContentSize = bytes;
  }

  /** Reads one object (blob, tree, commit) by id or by `<rev>:<path>`. */
  read(spec: string): Promise<GitObject> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.proc.stdin?.write(`${spec}\n`);
    });
  }

  /** Ends the process and waits for it. */
  async close(): Promise<void> {
    this.proc.stdin?.end();
    await this.proc.done.catch(() => undefined);
  }
}

/** How many bytes of objects a reader lets git produce ahead of the consumer. */
const READ_AHEAD = 4 * 1024 * 1024;

/**
 * Reads many objects through one `git cat-file --batch --buffer`, in the order given (give pack
 * order for speed), streaming: git may run up to READ_AHEAD bytes ahead of the consumer, and
 * the event loop gets a turn every 2 ms of consuming, so git's stdout keeps being drained while
 * blobs are scanned: git's work (delta chains) and ours overlap instead of taking turns.
 */
export async function* readObjects(
  oids: readonly string[],
  options: GitSpawnOptions & { maxContentSize?: number; pool?: BufferPool },
): AsyncGenerator<GitObject> {
  if (oids.length === 0) return;
  const proc = spawnGit([...BOUNDED_READ_CONFIG, 'cat-file', '--batch', '--buffer'], { ...options, stdin: true });
  let ready: (GitObject | undefined)[] = [];
  let next = 0;
  let queued = 0;
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const parser = new CatFileParser(
    (object) => {
      ready.push(object);
      queued += object.content?.length ?? 0;
    },
    options.maxContentSize,
    options.pool,
  );
  proc.stdout.on('data', (chunk: Buffer) => {
    try {
      parser.push(chunk);
    } catch (error) {
      failure = new UnleakError('UNLEAK_GIT_FAILED', (error as Error).message, { cause: error });
      ended = true;
      proc.kill();
    }
    if (queued > READ_AHEAD) proc.stdout.pause();
    wake?.();
  });
  const finish = () => {
    ended = true;
    wake?.();
  };
  proc.stdout.on('end', finish);
  proc.done.then(finish, (error: unknown) => {
    failure ??= error;
    finish();
  });
  writeAll(proc, oids);
  let lastTurn = performance.now();
  try {
    for (;;) {
      while (next < ready.length) {
        const object = ready[next] as GitObject;
        ready[next++] = undefined;
        if (next >= 1024) {
          ready = ready.slice(next);
          next = 0;
        }
        queued -= object.content?.length ?? 0;
        if (queued < READ_AHEAD / 2 && proc.stdout.isPaused()) proc.stdout.resume();
        yield object;
        if (performance.now() - lastTurn > 2) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastTurn = performance.now();
        }
      }
      ready = [];
      next = 0;
      if (failure) throw failure;
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    await proc.done;
  } finally {
    proc.kill();
  }
}

function writeAll(proc: GitProcess, oids: readonly string[]): void {
  const stdin = proc.stdin;
  if (!stdin) return;
  const batch = 4096;
  let next = 0;
  const pump = () => {
    while (next < oids.length) {
      const text = `${oids.slice(next, next + batch).join('\n')}\n`;
      next += batch;
      if (!stdin.write(text)) {
        stdin.once('drain', pump);
        return;
      }
    }
    stdin.end();
  };
  pump();
}
