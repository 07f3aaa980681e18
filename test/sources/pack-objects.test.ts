import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyDelta, PackObjects } from '../../src/sources/pack-objects.js';
import { BufferPool } from '../../src/sources/buffer-pool.js';
import { gitEnv, TestRepo } from '../git/git-fixture.js';

/** A file edited over many commits (lines changed, added, moved), a second file, a binary one: a repack stores most versions as deltas. */
function editedHistory(repo: TestRepo, commits: number, seed = 0): void {
  const lines = Array.from({ length: 400 }, (_, i) => `line ${i}: ${randomBytes(12).toString('hex')}`);
  for (let c = 0; c < commits; c++) {
    lines[(c * 37 + seed) % lines.length] = `edited in ${c}: ${randomBytes(8).toString('hex')}`;
    if (c % 3 === 0) lines.splice((c * 11) % lines.length, 0, `added in ${c}`);
    if (c % 5 === 4) lines.push(...lines.splice(10, 15));
    repo
      .write({
        'src/app.js': `${lines.join('\n')}\n`,
        'README.md': `# notes ${c % 4}\n${lines.slice(0, 20).join('\n')}\n`,
        'data.bin': Buffer.concat([Buffer.from([0, 1, 2, c]), randomBytes(64)]),
      })
      .commitAll(`commit ${c}`);
  }
}

/** Every blob of the repository (in pack order) with its content, through git. */
function blobsOf(repo: TestRepo): Map<string, Buffer> {
  const ids = repo
    .git('cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectname)', '--unordered')
    .split('\n')
    .filter((line) => line.startsWith('blob '))
    .map((line) => line.slice(5));
  return new Map(ids.map((oid) => [oid, spawnSync('git', ['cat-file', 'blob', oid], { cwd: repo.dir, env: gitEnv() }).stdout]));
}

function objectsDir(repo: TestRepo): string {
  return join(repo.dir, '.git', 'objects');
}

/** Reads every blob in pack order (as a history scan does) and checks it against git's. */
function expectSameBlobs(repo: TestRepo, idBytes = 20): { deltas: number } {
  const blobs = blobsOf(repo);
  const packs = PackObjects.open(objectsDir(repo), idBytes, new BufferPool());
  expect(packs).toBeDefined();
  const order = [...blobs.keys()];
  packs?.expect(order);
  let deltas = 0;
  for (const oid of order) {
    const blob = packs?.read(oid);
    expect(blob?.content.equals(blobs.get(oid) as Buffer), oid).toBe(true);
    if (blob?.delta) {
      deltas += 1;
      const { fresh } = blob.delta;
      for (let i = 0; i < fresh.length; i += 2) {
        expect(fresh[i] as number).toBeLessThanOrEqual(fresh[i + 1] as number);
        if (i > 0) expect(fresh[i] as number).toBeGreaterThan(fresh[i - 1] as number);
      }
    }
    blob?.release();
  }
  packs?.close();
  return { deltas };
}

describe('blobs read from the packs in this process', { timeout: 120_000 }, () => {
  it('reads every blob as git does: loose, packed whole, and as deltas (offset bases) of any depth', () => {
    const repo = TestRepo.create();
    editedHistory(repo, 30);
    expect(expectSameBlobs(repo).deltas, 'loose objects are whole').toBe(0);
    repo.git('repack', '-adq', '--window=10', '--depth=50');
    expect(expectSameBlobs(repo).deltas).toBeGreaterThan(20);
  });

  it('reads deltas whose base is named by id (repack.useDeltaBaseOffset=false), over several packs and loose objects', () => {
    const repo = TestRepo.create();
    editedHistory(repo, 20);
    repo.git('-c', 'repack.useDeltaBaseOffset=false', 'repack', '-adq', '--window=10', '--depth=20');
    editedHistory(repo, 12, 5);
    repo.git('repack', '-dq');
    editedHistory(repo, 3, 9);
    expect(readdirSync(join(objectsDir(repo), 'pack')).filter((name) => name.endsWith('.pack')).length).toBe(2);
    expect(expectSameBlobs(repo).deltas).toBeGreaterThan(10);
  });

  it('reads a SHA-256 repository', () => {
    const repo = new TestRepo(TestRepo.create().dir);
    repo.run('rm', ['-rf', '.git']);
    const init = repo.run('git', ['init', '-q', '-b', 'main', '--object-format=sha256']);
    if (init.code !== 0) {
      console.warn(`skipped: this git cannot make a SHA-256 repository (${init.stderr.trim()})`);
      return;
    }
    editedHistory(repo, 8);
    repo.git('repack', '-adq');
    expect(expectSameBlobs(repo, 32).deltas).toBeGreaterThan(0);
  });

  it('says a corrupt object is unreadable (UNLEAK_GIT_FAILED), and is not used where objects are borrowed or fetched on demand', () => {
    const repo = TestRepo.create();
    editedHistory(repo, 10);
    repo.git('repack', '-adq');
    const packDir = join(objectsDir(repo), 'pack');
    const packFile = join(packDir, readdirSync(packDir).find((name) => name.endsWith('.pack')) as string);
    const bytes = readFileSync(packFile);
    // Damage the middle of the pack (object data, not its header): some objects no longer inflate.
    for (let i = Math.floor(bytes.length / 3); i < Math.floor(bytes.length / 3) + 200; i++) bytes[i] = (bytes[i] as number) ^ 0x5a;
    writeFileSync(packFile, bytes, { mode: 0o644 });
    const blobs = repo
      .git('cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectname)', '--unordered')
      .split('\n')
      .filter((line) => line.startsWith('blob '))
      .map((line) => line.slice(5));
    const packs = PackObjects.open(objectsDir(repo), 20) as PackObjects;
    const failures = blobs.flatMap((oid) => {
      try {
        packs.read(oid)?.release();
        return [];
      } catch (error) {
        return [(error as { code?: string }).code];
      }
    });
    packs.close();
    expect(failures.length).toBeGreaterThan(0);
    expect(new Set(failures)).toEqual(new Set(['UNLEAK_GIT_FAILED']));

    const other = TestRepo.create();
    expect(PackObjects.usable(objectsDir(other))).toBe(true);
    mkdirSync(join(objectsDir(other), 'info'), { recursive: true });
    writeFileSync(join(objectsDir(other), 'info', 'alternates'), `${objectsDir(repo)}\n`);
    expect(PackObjects.usable(objectsDir(other))).toBe(false);
    expect(PackObjects.usable(objectsDir(repo))).toBe(true);
    writeFileSync(join(packDir, 'pack-0000.promisor'), '');
    expect(PackObjects.usable(objectsDir(repo))).toBe(false);
  });
});

describe('applyDelta', () => {
  /** A delta: base size, result size, then instructions. */
  const delta = (baseSize: number, size: number, ...ops: number[][]) => Buffer.from([baseSize, size, ...ops.flat()]);
  const copy = (offset: number, length: number) => [0x80 | 0x01 | 0x10, offset, length];
  const insert = (text: string) => [text.length, ...Buffer.from(text)];
  const base = Buffer.from('alpha\nbeta\ngamma\n');

  it('copies runs of the base and inserts new bytes, and says which stretches are fresh (inserts, and seams between runs out of place)', () => {
    const fresh: number[] = [];
    const copies: number[] = [];
    // "alpha\n" + "NEW\n" + "beta\ngamma\n": an insert between two runs that continue each other around it.
    const out = applyDelta(base, delta(17, 21, copy(0, 6), insert('NEW\n'), copy(6, 11)), (size) => Buffer.alloc(size), fresh, copies);
    expect(out.toString()).toBe('alpha\nNEW\nbeta\ngamma\n');
    expect(fresh).toEqual([6, 10]);
    expect(copies).toEqual([0, 0, 6, 10, 6, 11]);

    // "gamma\n" + "alpha\n": runs swapped: seams at the start, between them and at the end (the base went on).
    const swapped: number[] = [];
    expect(applyDelta(base, delta(17, 12, copy(11, 6), copy(0, 6)), (size) => Buffer.alloc(size), swapped).toString()).toBe(
      'gamma\nalpha\n',
    );
    expect(swapped).toEqual([0, 0, 6, 6, 12, 12]);

    // The base whole, in order: nothing fresh.
    const same: number[] = [];
    applyDelta(base, delta(17, 17, copy(0, 6), copy(6, 11)), (size) => Buffer.alloc(size), same);
    expect(same).toEqual([]);
  });

  it('refuses a delta that does not fit its base or its size', () => {
    const alloc = (size: number) => Buffer.alloc(size);
    expect(() => applyDelta(base, delta(16, 6, copy(0, 6)), alloc)).toThrow(/base size/);
    expect(() => applyDelta(base, delta(17, 6, copy(12, 6)), alloc)).toThrow(/out of bounds/);
    expect(() => applyDelta(base, delta(17, 7, copy(0, 6)), alloc)).toThrow(/size differs/);
    expect(() => applyDelta(base, delta(17, 6, [0]), alloc)).toThrow(/reserved/);
  });
});
