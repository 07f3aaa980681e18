import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Removes temp files left by atomic writers of `path` that were killed (their process is gone). */
export async function removeStaleTempFiles(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && !isProcessAlive(pid)) await unlink(join(dirname(path), name)).catch(() => undefined);
  }
}

/** True when a process with this id exists on this machine. */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
