import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { link, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { isProcessAlive, removeStaleTempFiles } from '../fsutil/index.js';
import { storeLocked } from './store-errors.js';
import { UnleakError } from '../errors.js';

/**
 * An exclusive lock beside a file (`FILE.lock`) so that two unleak processes never interleave a
 * read-modify-write. The lock file is created with its content in one step (write a temp file,
 * hard-link it into place; link(2) fails if the name exists) and holds the owner's pid, host and a
 * random token, so no two locks ever have the same content.
 *
 * A lock whose owner is gone is taken over atomically. Unlinking it is the dangerous step: if two
 * waiters both saw the stale lock, the slower one could delete the lock the faster one has just
 * created, and both would write. So only one process may remove a given stale lock: it must first
 * create a break marker named after that lock's content (`.FILE.lock.break.<id>.<n>.tmp`, again
 * with link(2)), then re-read the lock and unlink it only if it is still the same stale lock.
 * Nobody else can remove that lock meanwhile, and a new lock never has the old content, so the
 * re-check cannot be fooled. A marker whose creator died is skipped by using the next `<n>`.
 */

/** How long to wait for a lock before giving up, unless the caller says otherwise. */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

/** A lock of another host counts as stale after this long (its pid cannot be checked). */
const FOREIGN_LOCK_STALE_MS = 10 * 60_000;

interface LockOwner {
  pid: number;
  host: string;
  time: string;
  token?: string;
}

/** A lock file as read: its exact content (its identity) and the owner it names, if readable. */
interface SeenLock {
  raw: string;
  owner: LockOwner | undefined;
}

/** Runs `fn` while holding the lock `lockPath`; waits up to `timeoutMs`, then throws UNLEAK_STORE_LOCKED. */
export async function withLock<T>(lockPath: string, fn: () => Promise<T>, timeoutMs: number = DEFAULT_LOCK_TIMEOUT_MS): Promise<T> {
  const mine = await acquire(lockPath, timeoutMs);
  try {
    return await fn();
  } finally {
    await release(lockPath, mine);
  }
}

async function acquire(lockPath: string, timeoutMs: number): Promise<string> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), time: new Date().toISOString(), token: randomBytes(16).toString('hex') };
  const raw = JSON.stringify(owner);
  const temp = join(dirname(lockPath), `.${basename(lockPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await removeStaleTempFiles(lockPath);
  try {
    await writeFile(temp, raw, { mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UnleakError('UNLEAK_STORE_UNWRITABLE', `cannot create the lock ${lockPath} (${code})`, {
      cause: error,
      hint: 'Check that the directory exists and is writable.',
    });
  }
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  try {
    for (;;) {
      if (await linkExclusive(temp, lockPath)) {
        await removeBreakMarkers(lockPath);
        return raw;
      }
      const seen = await readLock(lockPath);
      if (seen === undefined) continue;
      if ((await isStale(lockPath, seen.owner)) && (await breakStaleLock(lockPath, seen, temp))) continue;
      if (Date.now() >= deadline)
        throw storeLocked(
          lockPath,
          seen.owner ? `process ${seen.owner.pid} on ${seen.owner.host} since ${seen.owner.time}` : 'another process',
        );
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 200);
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Removes the lock only if it is still ours (it may have been broken as stale after all). */
async function release(lockPath: string, mine: string): Promise<void> {
  const seen = await readLock(lockPath);
  if (seen?.raw === mine) await unlink(lockPath).catch(() => undefined);
}

/**
 * Removes the stale lock `seen` if this process wins the right to: true when it acted (the lock
 * is gone, by this process or another), false when another live process is breaking it.
 */
async function breakStaleLock(lockPath: string, seen: SeenLock, ownerFile: string): Promise<boolean> {
  const id = createHash('sha256').update(seen.raw).digest('hex').slice(0, 24);
  for (let attempt = 1; attempt <= 32; attempt += 1) {
    const marker = breakMarkerPath(lockPath, `${id}.${attempt}`);
    if (await linkExclusive(ownerFile, marker)) {
      try {
        if ((await readLock(lockPath))?.raw === seen.raw) await unlink(lockPath).catch(() => undefined);
      } finally {
        await unlink(marker).catch(() => undefined);
      }
      return true;
    }
    const breaker = await readLock(marker);
    if (breaker === undefined) return true;
    if (!(await isStale(marker, breaker.owner))) return false;
  }
  return false;
}

function breakMarkerPath(lockPath: string, suffix: string): string {
  return join(dirname(lockPath), `.${basename(lockPath)}.break.${suffix}.tmp`);
}

/** Removes break markers left by takers that died (called while holding the lock, when every marker is for an older lock). */
async function removeBreakMarkers(lockPath: string): Promise<void> {
  const prefix = `.${basename(lockPath)}.break.`;
  let names: string[];
  try {
    names = await readdir(dirname(lockPath));
  } catch {
    return;
  }
  for (const name of names)
    if (name.startsWith(prefix) && name.endsWith('.tmp')) await unlink(join(dirname(lockPath), name)).catch(() => undefined);
}

/** link(2): creates `target` as another name of `source`; false if `target` exists. */
async function linkExclusive(source: string, target: string): Promise<boolean> {
  try {
    await link(source, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The lock file's content and owner; undefined when it does not exist (any more). */
async function readLock(path: string): Promise<SeenLock | undefined> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { raw: '', owner: undefined };
  }
  try {
    const parsed = JSON.parse(raw) as Partial<LockOwner>;
    return { raw, owner: typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as LockOwner) : undefined };
  } catch {
    return { raw, owner: undefined };
  }
}

async function isStale(path: string, owner: LockOwner | undefined): Promise<boolean> {
  if (owner && owner.host === hostname()) return !isProcessAlive(owner.pid);
  try {
    return Date.now() - (await stat(path)).mtimeMs > FOREIGN_LOCK_STALE_MS;
  } catch {
    return false;
  }
}
