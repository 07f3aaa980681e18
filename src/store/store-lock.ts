import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { isProcessAlive, removeStaleTempFiles } from './atomic-write.js';
import { storeLocked } from './store-errors.js';
import { UnleakError } from '../errors.js';

/**
 * An exclusive lock beside a file (`FILE.lock`) so that two unleak processes never interleave a
 * read-modify-write. The lock file is created with its content in one step (write a temp file,
 * hard-link it into place), holds the owner's pid and host, and is taken over when that process is gone.
 */

/** How long to wait for a lock before giving up, unless the caller says otherwise. */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

interface LockOwner {
  pid: number;
  host: string;
  time: string;
}

/** Runs `fn` while holding the lock `lockPath`; waits up to `timeoutMs`, then throws UNLEAK_STORE_LOCKED. */
export async function withLock<T>(lockPath: string, fn: () => Promise<T>, timeoutMs: number = DEFAULT_LOCK_TIMEOUT_MS): Promise<T> {
  await acquire(lockPath, timeoutMs);
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

async function acquire(lockPath: string, timeoutMs: number): Promise<void> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), time: new Date().toISOString() };
  const temp = join(dirname(lockPath), `.${basename(lockPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await removeStaleTempFiles(lockPath);
  try {
    await writeFile(temp, JSON.stringify(owner), { mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UnleakError('UNLEAK_STORE_UNWRITABLE', `cannot create the lock ${lockPath} (${code})`, { cause: error, hint: 'Check that the directory exists and is writable.' });
  }
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  try {
    for (;;) {
      try {
        await link(temp, lockPath);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readOwner(lockPath);
      if (holder === 'gone') continue;
      if (await isStale(lockPath, holder)) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (Date.now() >= deadline) throw storeLocked(lockPath, holder ? `process ${holder.pid} on ${holder.host} since ${holder.time}` : 'another process');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 200);
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function readOwner(lockPath: string): Promise<LockOwner | undefined | 'gone'> {
  try {
    const parsed = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as LockOwner) : undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : undefined;
  }
}

async function isStale(lockPath: string, holder: LockOwner | undefined): Promise<boolean> {
  if (holder && holder.host === hostname()) return !isProcessAlive(holder.pid);
  try {
    return Date.now() - (await stat(lockPath)).mtimeMs > 10 * 60_000;
  } catch {
    return false;
  }
}
