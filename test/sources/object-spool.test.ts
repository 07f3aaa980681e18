import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { statfsSync } from 'node:fs';
import { join } from 'node:path';
import { ObjectSpool, spoolBatchBytes } from '../../src/sources/object-spool.js';
import { BufferPool } from '../../src/sources/buffer-pool.js';
import { gitEnv, TestRepo } from '../git/git-fixture.js';

/** Blobs of many sizes: tiny, around the 1 MB read-ahead window, larger than it. */
function repoWithBlobs(): { repo: TestRepo; blobs: { oid: string; bytes: Buffer }[] } {
  const repo = TestRepo.create();
  const sizes = [0, 1, 100, 70_000, 1024 * 1024 - 40, 1024 * 1024 + 7, 3 * 1024 * 1024, 12, 5];
  const blobs = sizes.map((size, i) => {
    const bytes = Buffer.from(randomBytes(size).toString('base64').slice(0, size));
    const oid = repo.run('git', ['hash-object', '-w', '--stdin'], { input: bytes.toString('latin1') }).stdout.trim();
    return { oid, bytes: Buffer.from(bytes.toString('latin1'), 'latin1'), i };
  });
  return { repo, blobs };
}

describe('object spool (git cat-file writing to an unlinked temp file)', { timeout: 60_000 }, () => {
  it('reads every object whole and in order, across read-ahead windows and emptied batches', async () => {
    const { repo, blobs } = repoWithBlobs();
    const pool = new BufferPool();
    for (const batchBytes of [64 * 1024 * 1024, 100_000]) {
      const spool = new ObjectSpool({ cwd: repo.dir, env: gitEnv() }, batchBytes);
      const requests = [...blobs, ...blobs].map((blob) => ({ oid: blob.oid, size: blob.bytes.length }));
      const read: string[] = [];
      for await (const object of spool.read(requests, { pool })) {
        read.push(object.oid);
        const expected = blobs.find((blob) => blob.oid === object.oid)?.bytes;
        expect(object.content?.equals(expected as Buffer), `${object.oid} (${expected?.length} bytes)`).toBe(true);
        object.release?.();
      }
      spool.close();
      expect(read).toEqual(requests.map((request) => request.oid));
    }
  });

  it('gives a missing object as missing, skips the content of objects over the size limit, and fails when git fails', async () => {
    const { repo, blobs } = repoWithBlobs();
    const spool = new ObjectSpool({ cwd: repo.dir, env: gitEnv() });
    const requests = [{ oid: 'f'.repeat(40) }, { oid: blobs[6]?.oid as string }, { oid: blobs[2]?.oid as string }];
    const read = [];
    for await (const object of spool.read(requests, { maxContentSize: 1000 })) read.push(object);
    spool.close();
    expect(read.map((o) => [o.missing, o.content?.length])).toEqual([
      [true, undefined],
      [false, undefined],
      [false, 100],
    ]);
    const broken = new ObjectSpool({ cwd: `${repo.dir}/no-such-folder`, env: gitEnv() });
    await expect(async () => {
      for await (const object of broken.read([{ oid: blobs[2]?.oid as string }])) void object;
    }).rejects.toThrow(/git/);
    broken.close();
  });
});

describe('buffer pool', () => {
  it('hands a waiting buffer out again for a request of similar size, not for a much smaller one', () => {
    const pool = new BufferPool();
    const big = pool.acquire(8 * 1024 * 1024);
    expect(big.byteLength).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    pool.release(big);
    const small = pool.acquire(1024 * 1024);
    expect(small, 'a 1 MB request gets a buffer of its own').not.toBe(big);
    expect(pool.acquire(7 * 1024 * 1024), 'a request of similar size reuses the waiting buffer').toBe(big);
    pool.release(small);
    expect(pool.acquire(900 * 1024)).toBe(small);
  });
});

describe('spool batch size', () => {
  it('is 256 MB at most, a quarter of the free space of the temp folder, 16 MB at least (also where that is unknown)', () => {
    const repo = TestRepo.create();
    const { bavail, bsize } = statfsSync(repo.dir);
    const quarter = Math.floor((bavail * bsize) / 4);
    expect(spoolBatchBytes(repo.dir)).toBe(Math.max(16 * 1024 * 1024, Math.min(256 * 1024 * 1024, quarter)));
    expect(spoolBatchBytes(join(repo.dir, 'no-such-folder'))).toBe(16 * 1024 * 1024);
  });
});
