import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLock } from '../../src/store/store-lock.js';
import { tempDir } from './helpers.js';

/** The store lock: exclusive, and a stale lock (its process is gone) is taken over by exactly one waiter. */

/** The pid of a process that has exited (a short-lived child's). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  if (typeof child.pid !== 'number') throw new Error('could not start a child process');
  return child.pid;
}

/** A lock file as a killed unleak process leaves it. */
function plantStaleLock(lockPath: string): void {
  writeFileSync(lockPath, JSON.stringify({ pid: deadPid(), host: hostname(), time: new Date().toISOString(), token: 'dead' }));
}

/** `count` concurrent read-increment-write cycles of a counter file, each under the lock. */
async function hammer(dir: string, count: number): Promise<{ counter: number; overlaps: number }> {
  const counterFile = join(dir, 'counter');
  const lockPath = `${counterFile}.lock`;
  writeFileSync(counterFile, '0');
  plantStaleLock(lockPath);
  let inside = 0;
  let overlaps = 0;
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      await new Promise((resolve) => setTimeout(resolve, index % 4));
      return withLock(
        lockPath,
        async () => {
          inside += 1;
          if (inside > 1) overlaps += 1;
          const value = Number(readFileSync(counterFile, 'utf8'));
          await new Promise((resolve) => setTimeout(resolve, 1));
          writeFileSync(counterFile, String(value + 1));
          inside -= 1;
        },
        30_000,
      );
    }),
  );
  return { counter: Number(readFileSync(counterFile, 'utf8')), overlaps };
}

describe('store lock', () => {
  it('lets exactly one waiter take over a stale lock, so no read-modify-write is lost', async () => {
    for (let round = 0; round < 3; round += 1) {
      const dir = join(tempDir(), `round-${round}`);
      mkdirSync(dir);
      const { counter, overlaps } = await hammer(dir, 16);
      expect(overlaps).toBe(0);
      expect(counter).toBe(16);
      expect(readdirSync(dir).sort()).toEqual(['counter']);
    }
  }, 120_000);

  it('takes over a stale lock whose taker died too (a break marker left behind)', async () => {
    const dir = tempDir();
    const lockPath = join(dir, 'file.lock');
    plantStaleLock(lockPath);
    const stale = readFileSync(lockPath, 'utf8');
    const id = createHash('sha256').update(stale).digest('hex').slice(0, 24);
    writeFileSync(
      join(dir, `.file.lock.break.${id}.1.tmp`),
      JSON.stringify({ pid: deadPid(), host: hostname(), time: new Date().toISOString() }),
    );
    let ran = false;
    await withLock(
      lockPath,
      async () => {
        ran = true;
      },
      2_000,
    );
    expect(ran).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('waits for a live holder and does not release a lock that is not its own', async () => {
    const dir = tempDir();
    const lockPath = join(dir, 'file.lock');
    writeFileSync(lockPath, JSON.stringify({ pid: process.pid, host: hostname(), time: new Date().toISOString(), token: 'other' }));
    await expect(withLock(lockPath, async () => undefined, 200)).rejects.toMatchObject({ code: 'UNLEAK_STORE_LOCKED', exitCode: 2 });
    expect(readFileSync(lockPath, 'utf8')).toContain('"other"');
    await withLock(join(dir, 'second.lock'), async () => {
      writeFileSync(join(dir, 'second.lock'), 'replaced by someone else');
    });
    expect(readFileSync(join(dir, 'second.lock'), 'utf8')).toBe('replaced by someone else');
  });
});
