import { readFile, rmdir, stat, unlink } from 'node:fs/promises';
import { writeFileAtomic } from '../fsutil/index.js';

/**
 * The file operations a fix performs, behind an interface so tests can make any one of them fail.
 * Paths are absolute.
 */
export interface FixFs {
  /** The bytes and mode of a file, or undefined when it does not exist. */
  read(path: string): Promise<{ data: Buffer; mode: number } | undefined>;
  /** Replaces a file atomically (temp file + rename), creating its folder; keeps the mode unless given. */
  write(path: string, data: string | Buffer, mode?: number): Promise<void>;
  /** Deletes a file; a missing file is not an error. */
  remove(path: string): Promise<void>;
  /** True when the path exists (file or folder). */
  exists(path: string): Promise<boolean>;
  /** Removes a folder if it is empty; otherwise leaves it. */
  removeEmptyDir(path: string): Promise<void>;
}

/** The real file system. */
export const nodeFixFs: FixFs = {
  async read(path) {
    try {
      const [data, info] = await Promise.all([readFile(path), stat(path)]);
      return { data, mode: info.mode & 0o777 };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  async write(path, data, mode) {
    await writeFileAtomic(path, data, { mode, createDir: true });
  },
  async remove(path) {
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  },
  async exists(path) {
    return stat(path).then(
      () => true,
      () => false,
    );
  },
  async removeEmptyDir(path) {
    await rmdir(path).catch(() => undefined);
  },
};
