import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/fsutil/index.js';
import { UnleakError } from '../../src/errors.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'unleak-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

const variants = {
  async: writeFileAtomic,
  sync: async (...args: Parameters<typeof writeFileAtomicSync>) => writeFileAtomicSync(...args),
};

describe.each(Object.entries(variants))('writeFileAtomic (%s)', (_name, write) => {
  it('replaces the content and leaves no temp file', async () => {
    const file = join(dir, 'out.json');
    writeFileSync(file, 'old');
    await write(file, 'new content');
    expect(readFileSync(file, 'utf8')).toBe('new content');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('writes bytes as given', async () => {
    const file = join(dir, 'bin');
    await write(file, Buffer.from([0, 255, 10]));
    expect([...readFileSync(file)]).toEqual([0, 255, 10]);
  });

  it('keeps the existing mode, uses a given mode, and defaults to 0644', async () => {
    const kept = join(dir, 'kept');
    writeFileSync(kept, 'x');
    chmodSync(kept, 0o640);
    await write(kept, 'y');
    expect(modeOf(kept)).toBe(0o640);
    const given = join(dir, 'given');
    await write(given, 'y', { mode: 0o600 });
    expect(modeOf(given)).toBe(0o600);
    const fresh = join(dir, 'fresh');
    await write(fresh, 'y');
    expect(modeOf(fresh) & ~0o022).toBe(0o644 & ~0o022);
  });

  it('creates the folder only when asked', async () => {
    const nested = join(dir, 'a', 'b', 'file');
    await expect(write(nested, 'x')).rejects.toMatchObject({ code: 'UNLEAK_WRITE_FAILED' });
    await write(nested, 'x', { createDir: true });
    expect(readFileSync(nested, 'utf8')).toBe('x');
  });

  it('fails with UNLEAK_WRITE_FAILED, the errno as cause, and removes its temp file', async () => {
    const target = join(dir, 'is-a-folder');
    mkdirSync(join(target, 'child'), { recursive: true });
    const error = await write(target, 'x').then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UnleakError);
    expect(error).toMatchObject({ code: 'UNLEAK_WRITE_FAILED', exitCode: 2 });
    expect((error as Error).message).toContain(target);
    expect(((error as Error).cause as NodeJS.ErrnoException).code).toMatch(/^E/);
    expect(readdirSync(dir)).toEqual(['is-a-folder']);
  });
});
