import { nodeCrypto } from '../node-crypto.js';
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UnleakError } from '../errors.js';

/**
 * Crash-safe file replacement, the one implementation every room uses: the new content goes to
 * `.NAME.PID.RANDOM.tmp` in the target's folder (opened exclusively), is flushed to disk, and is
 * renamed over the target; then the folder is flushed. A process killed at any point leaves the
 * old file or the new one; at worst a stray temp file (see `removeStaleTempFiles`).
 */

/** How an atomic write treats the file's mode and folder. */
export interface AtomicWriteOptions {
  /** The new file's mode; default: the existing file's mode, else 0o644. */
  mode?: number;
  /** Create the target's folder (recursively) when it is missing. Default false. */
  createDir?: boolean;
}

/** The temp file name a writer of `target` uses: `.NAME.PID.RANDOM.tmp` beside it. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Replaces `path` with `data` atomically (async). Throws UnleakError UNLEAK_WRITE_FAILED (the
 * errno error as its cause) and leaves no temp file behind when any step fails.
 */
export async function writeFileAtomic(path: string, data: string | Buffer, options: AtomicWriteOptions = {}): Promise<void> {
  const target = resolve(path);
  const dir = dirname(target);
  const temp = tempPathFor(target);
  let created = false;
  try {
    if (options.createDir) await mkdir(dir, { recursive: true });
    const mode = options.mode ?? (await existingMode(target)) ?? 0o644;
    const handle = await open(temp, 'wx', mode);
    created = true;
    try {
      await handle.writeFile(data);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    if (created) await unlink(temp).catch(() => undefined);
    throw writeFailed(path, error);
  }
  await syncDirectory(dir);
}

/** The synchronous variant of `writeFileAtomic`: same temp naming, fsync, mode and cleanup. */
export function writeFileAtomicSync(path: string, data: string | Buffer, options: AtomicWriteOptions = {}): void {
  const target = resolve(path);
  const dir = dirname(target);
  const temp = tempPathFor(target);
  let created = false;
  try {
    if (options.createDir) mkdirSync(dir, { recursive: true });
    const mode = options.mode ?? existingModeSync(target) ?? 0o644;
    const fd = openSync(temp, 'wx', mode);
    created = true;
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
      fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    if (created) {
      try {
        unlinkSync(temp);
      } catch {
        // already gone
      }
    }
    throw writeFailed(path, error);
  }
  syncDirectorySync(dir);
}

function writeFailed(path: string, error: unknown): UnleakError {
  if (error instanceof UnleakError) return error;
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new UnleakError('UNLEAK_WRITE_FAILED', `cannot write ${path}: ${reason}`, { cause: error });
}

async function existingMode(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o777;
  } catch {
    return undefined;
  }
}

function existingModeSync(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return undefined;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse to fsync a folder; the rename itself is still atomic.
  }
}

function syncDirectorySync(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse to fsync a folder; the rename itself is still atomic.
  }
}
