import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readSync, rmdirSync, statfsSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnleakError } from '../errors.js';
import type { BufferPool } from './buffer-pool.js';
import { parseBatchHeader, type GitObject } from './cat-file-parser.js';
import { BOUNDED_READ_CONFIG, gitFailed, type GitSpawnOptions } from './git-process.js';

/**
 * Bytes of objects asked for at a time: the most the spool file holds before it is emptied. Each
 * batch costs a history scan time beyond git's wait at its start (the npm-releases history, 200
 * MB: 2.37 s in 64 MB batches, 2.26 s in one), so batches are large; a quarter of the free space
 * of the temp folder at most, so a nearly full disk still takes the scan.
 */
const SPOOL_BATCH = 256 * 1024 * 1024;
const MIN_SPOOL_BATCH = 16 * 1024 * 1024;

/** The batch size for a spool file in `dir`: SPOOL_BATCH, or a quarter of the free space there, at least MIN_SPOOL_BATCH. */
export function spoolBatchBytes(dir: string): number {
  try {
    const { bavail, bsize } = statfsSync(dir);
    return Math.max(MIN_SPOOL_BATCH, Math.min(SPOOL_BATCH, Math.floor((bavail * bsize) / 4)));
  } catch {
    return MIN_SPOOL_BATCH;
  }
}

/** Short sleeps while waiting for git before a turn of the event loop, and their length. */
const SHORT_WAITS = 40;
const SHORT_WAIT_MS = 0.05;
const SLEEP = new Int32Array(new SharedArrayBuffer(4));

/** One object to read, with its size when known (it bounds how much the spool file holds). */
export interface SpoolRequest {
  oid: string;
  size?: number;
}

/**
 * Reads objects through one `git cat-file --batch` whose output goes to a temp file (unlinked
 * at once: it disappears with the process), not to a pipe. Through a pipe, git stops whenever
 * the 64 KB pipe is full, that is while a large blob is being scanned, and every 64 KB costs
 * both processes a wake-up; writing to a file, git runs ahead freely, and the file is read in
 * a few large reads. Objects are asked for SPOOL_BATCH bytes at a time; once a batch is read
 * the file is emptied. Start it early (while this process is small: each process start makes
 * every page written afterwards cost a fault).
 */
export class ObjectSpool {
  private readonly proc: ChildProcess;
  private readonly readFd: number;
  private readonly writeFd: number;
  private offset = 0;
  private exited = false;
  private failure: UnleakError | undefined;
  private stderr = '';
  /** File bytes [windowStart, windowStart + windowLength) read ahead: small objects come from here, without a read each. */
  private readonly window = Buffer.allocUnsafe(1024 * 1024);
  private windowStart = 0;
  private windowLength = 0;
  private readonly probe = Buffer.alloc(1);
  private closed = false;
  private lastLook = false;
  private shortWaits = 0;

  /** Bytes of objects asked for at a time. */
  private readonly batchBytes: number;

  /** `batchBytes`: bytes of objects asked for at a time (default: spoolBatchBytes of the temp folder). */
  constructor(options: GitSpawnOptions, batchBytes?: number) {
    this.batchBytes = batchBytes ?? spoolBatchBytes(tmpdir());
    const dir = mkdtempSync(join(tmpdir(), 'unleak-spool-'));
    const path = join(dir, 'objects');
    this.writeFd = openSync(path, 'a');
    this.readFd = openSync(path, 'r');
    unlinkSync(path);
    rmdirSync(dir);
    const args = [...BOUNDED_READ_CONFIG, 'cat-file', '--batch'];
    this.proc = spawn('git', args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', this.writeFd, 'pipe'] });
    this.proc.stderr?.setEncoding('utf8');
    this.proc.stderr?.on('data', (text: string) => {
      if (this.stderr.length < 8192) this.stderr += text;
    });
    this.proc.stdin?.on('error', () => undefined);
    this.proc.on('error', (error) => {
      this.failure ??= gitFailed(args, error.message, error);
      this.exited = true;
    });
    this.proc.on('close', (code, signal) => {
      this.exited = true;
      if (code !== 0 && !this.closed) this.failure ??= gitFailed(args, this.stderr || `exit ${code ?? signal}`);
    });
  }

  /**
   * The objects asked for, in order. `maxContentSize`: larger objects come without content (never
   * read). `pool`: contents larger than 64 KB are read into its buffers (give them back with `release`).
   */
  async *read(requests: readonly SpoolRequest[], options: { maxContentSize?: number; pool?: BufferPool } = {}): AsyncGenerator<GitObject> {
    const max = options.maxContentSize ?? Number.POSITIVE_INFINITY;
    let from = 0;
    while (from < requests.length) {
      let to = from;
      let bytes = 0;
      while (to < requests.length && (to === from || bytes < this.batchBytes)) bytes += requests[to++]?.size ?? 0;
      this.proc.stdin?.write(
        `${requests
          .slice(from, to)
          .map((request) => request.oid)
          .join('\n')}\n`,
      );
      for (let i = from; i < to; i++) yield await this.next(max, options.pool);
      // Everything asked for is read and git waits for more: the file can be emptied (appends start again at 0).
      ftruncateSync(this.writeFd, 0);
      this.offset = 0;
      this.windowStart = 0;
      this.windowLength = 0;
      from = to;
    }
  }

  /**
   * A spool, or none where the temp file cannot be made as one (a system that cannot unlink an
   * open file): the caller then reads through a pipe (`readObjects`).
   */
  static open(options: GitSpawnOptions): ObjectSpool | undefined {
    try {
      return new ObjectSpool(options);
    } catch {
      return undefined;
    }
  }

  /** Ends git and closes the file. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.proc.stdin?.end();
    this.proc.kill();
    closeSync(this.readFd);
    closeSync(this.writeFd);
  }

  private async next(max: number, pool: BufferPool | undefined): Promise<GitObject> {
    const line = await this.readLine();
    let header: ReturnType<typeof parseBatchHeader>;
    try {
      header = parseBatchHeader(line);
    } catch (error) {
      throw new UnleakError('UNLEAK_GIT_FAILED', (error as Error).message, { cause: error });
    }
    if ('missing' in header) return { oid: header.oid, type: 'missing', size: 0, content: undefined, missing: true };
    const { size } = header;
    const object = { ...header, missing: false };
    if (size > max) {
      await this.skip(size + 1);
      return { ...object, content: undefined };
    }
    const pooled = pool && size >= 64 * 1024 ? pool.acquire(size) : undefined;
    const content = pooled ? Buffer.from(pooled, 0, size) : Buffer.allocUnsafe(size);
    await this.readInto(content);
    await this.skip(1);
    return pooled ? { ...object, content, release: () => pool?.release(pooled) } : { ...object, content };
  }

  /** The next line (without its newline). */
  private async readLine(): Promise<string> {
    for (;;) {
      const at = this.offset - this.windowStart;
      const newline = at >= 0 && at < this.windowLength ? this.window.indexOf(10, at) : -1;
      if (newline !== -1 && newline < this.windowLength) {
        this.offset += newline - at + 1;
        return this.window.toString('utf8', at, newline);
      }
      const held = at >= 0 ? Math.max(0, this.windowLength - at) : 0;
      if (held >= 512) throw new UnleakError('UNLEAK_GIT_FAILED', 'unexpected git cat-file output: a header line too long');
      await this.fill(held + 1);
    }
  }

  /** Fills `target` with the next bytes: from the window, then straight from the file. */
  private async readInto(target: Buffer): Promise<void> {
    let filled = 0;
    const at = this.offset - this.windowStart;
    if (at >= 0 && at < this.windowLength) {
      filled = Math.min(target.length, this.windowLength - at);
      this.window.copy(target, 0, at, at + filled);
    }
    while (filled < target.length) {
      const got = readSync(this.readFd, target, filled, target.length - filled, this.offset + filled);
      filled += got;
      if (got === 0) await this.waitForGit();
    }
    this.offset += target.length;
  }

  /** Steps over the next `count` bytes once git has written them. */
  private async skip(count: number): Promise<void> {
    const end = this.offset + count;
    while (end > this.windowStart + this.windowLength) {
      if (readSync(this.readFd, this.probe, 0, 1, end - 1) === 1) break;
      await this.waitForGit();
    }
    this.offset = end;
  }

  /** Reads the file into the window from the read offset on, until it holds at least `count` bytes (waiting for git as needed). */
  private async fill(count: number): Promise<void> {
    for (;;) {
      this.windowStart = this.offset;
      this.windowLength = readSync(this.readFd, this.window, 0, this.window.length, this.offset);
      if (this.windowLength >= count) return;
      await this.waitForGit();
    }
  }

  /**
   * Lets git write more: first in short sleeps of this thread (git writes a small object in well
   * under a millisecond, and a timer's turn of the event loop takes one or more), then through the
   * event loop, which also tells when git has ended. Fails when git ended without writing what was asked.
   */
  private async waitForGit(): Promise<void> {
    if (this.shortWaits < SHORT_WAITS) {
      this.shortWaits += 1;
      Atomics.wait(SLEEP, 0, 0, SHORT_WAIT_MS);
      return;
    }
    this.shortWaits = 0;
    if (this.exited) {
      // What git wrote before it ended may have come after the last read: one more look before failing.
      if (!this.lastLook) {
        this.lastLook = true;
        return;
      }
      throw this.failure ?? new UnleakError('UNLEAK_GIT_FAILED', 'git cat-file stopped before answering');
    }
    await new Promise<void>((resolve) => setTimeout(resolve, 1));
  }
}
