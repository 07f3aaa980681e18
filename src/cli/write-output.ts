import { renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, basename, resolve } from 'node:path';
import { UnleakError } from '../errors.js';

/** Writes a file all at once: a temp file beside it, then a rename; on failure nothing changes. */
export function writeFileAtomic(path: string, content: string, mode?: number): void {
  const target = resolve(path);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, content, mode === undefined ? undefined : { mode });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new UnleakError('UNLEAK_OUTPUT_FAILED', `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
}
