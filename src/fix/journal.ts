import { dirname } from 'node:path';
import type { FixFs } from './fix-fs.js';

/**
 * The undo record of a fix: the bytes and mode of every file before it is touched (or the fact
 * that it did not exist), and the folders that did not exist. Kept in memory only: the originals
 * hold the secrets being removed, and they must never be written anywhere else.
 */

interface Snapshot {
  path: string;
  before: { data: Buffer; mode: number } | undefined;
}

/** What could not be put back, by path. */
export interface RestoreFailure {
  path: string;
  message: string;
}

/** Snapshots files before a change and puts them back on failure. */
export class Journal {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly newDirs = new Set<string>();

  constructor(private readonly fs: FixFs) {}

  /** Records a file's current state (once; later calls for the same path are ignored). */
  async snapshot(path: string): Promise<void> {
    if (this.snapshots.has(path)) return;
    this.snapshots.set(path, { path, before: await this.fs.read(path) });
    for (let dir = dirname(path); dir !== dirname(dir) && !this.newDirs.has(dir); dir = dirname(dir)) {
      if (await this.fs.exists(dir)) break;
      this.newDirs.add(dir);
    }
  }

  /** The recorded content of a file (undefined when it did not exist or was not recorded). */
  original(path: string): Buffer | undefined {
    return this.snapshots.get(path)?.before?.data;
  }

  /** The recorded mode of a file. */
  mode(path: string): number | undefined {
    return this.snapshots.get(path)?.before?.mode;
  }

  /** Puts every recorded file back as it was, newest first; tries them all and returns what failed. */
  async restore(): Promise<RestoreFailure[]> {
    const failures: RestoreFailure[] = [];
    for (const { path, before } of [...this.snapshots.values()].reverse()) {
      try {
        if (before === undefined) await this.fs.remove(path);
        else {
          const now = await this.fs.read(path).catch(() => undefined);
          if (!now || !now.data.equals(before.data) || now.mode !== before.mode) await this.fs.write(path, before.data, before.mode);
        }
      } catch (error) {
        const cause = (error as Error).cause ?? error;
        failures.push({ path, message: (cause as NodeJS.ErrnoException).code ?? (error as Error).message });
      }
    }
    for (const dir of [...this.newDirs].sort((a, b) => b.length - a.length)) await this.fs.removeEmptyDir(dir);
    return failures;
  }
}
