import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, rm, rmdir, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { UnleakError } from '../../errors.js';

/**
 * `unleak run --file`: secrets some programs want as files (private keys, service-account JSON).
 *
 *   --file NAME        a 0600 file in a private temp dir; its path goes in $NAME_FILE
 *   --file NAME=VAR    the same, path in $VAR
 *   --file NAME=PATH   (PATH contains / or .) that path relative to the cwd, 0600; refuses to
 *                      overwrite; missing parent directories are created and removed again
 *
 * Every file is removed when the command ends. Temp files go to /dev/shm (memory) when it exists.
 */

/** One parsed --file option. */
export type FileSpec = { name: string; kind: 'temp'; variable: string } | { name: string; kind: 'path'; target: string };

/** Files written for a run: the variables to add to the child's environment, and how to remove them. */
export interface WrittenFiles {
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses `NAME`, `NAME=VAR` or `NAME=PATH`. */
export function parseFileSpec(spec: string): FileSpec {
  const eq = spec.indexOf('=');
  const name = eq === -1 ? spec : spec.slice(0, eq);
  const target = eq === -1 ? undefined : spec.slice(eq + 1);
  if (!name || (eq !== -1 && !target)) throw badSpec(spec);
  if (target === undefined) return { name, kind: 'temp', variable: `${name}_FILE` };
  if (target.includes('/') || target.includes('.') || target.includes('\\')) return { name, kind: 'path', target };
  if (!ENV_VAR.test(target)) throw badSpec(spec);
  return { name, kind: 'temp', variable: target };
}

function badSpec(spec: string): UnleakError {
  return new UnleakError('UNLEAK_RUN_FILE_INVALID', `invalid --file ${JSON.stringify(spec)}`, {
    hint: 'Use --file NAME, --file NAME=VAR or --file NAME=path/to/file.',
  });
}

/** Writes each secret to its file (0600); on any failure removes what was written and rethrows. */
export async function writeSecretFiles(specs: FileSpec[], valueOf: (name: string) => string, cwd: string): Promise<WrittenFiles> {
  const env: Record<string, string> = {};
  const files: string[] = [];
  const dirs: string[] = [];
  let tempDir: string | undefined;
  const cleanup = async (): Promise<void> => {
    for (const file of files.splice(0)) await unlink(file).catch(() => undefined);
    for (const dir of dirs.splice(0).reverse()) await rmdir(dir).catch(() => undefined);
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    tempDir = undefined;
  };
  try {
    for (const spec of specs) {
      const value = valueOf(spec.name);
      let path: string;
      if (spec.kind === 'temp') {
        tempDir ??= await mkdtemp(join(memoryTempBase(), 'unleak-run-'));
        path = join(tempDir, spec.name.replace(/[^A-Za-z0-9_.-]/g, '_'));
        env[spec.variable] = path;
      } else {
        path = resolve(cwd, spec.target);
        if (existsSync(path))
          throw new UnleakError('UNLEAK_RUN_FILE_EXISTS', `${spec.target} already exists; unleak run will not overwrite it`, {
            hint: 'Remove it or choose another path.',
          });
        dirs.push(...(await makeParents(dirname(path))));
      }
      const handle = await open(path, 'wx', 0o600);
      files.push(path);
      try {
        await handle.writeFile(value, 'utf8');
        await handle.chmod(0o600);
      } finally {
        await handle.close();
      }
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { env, cleanup };
}

/** Creates missing directories up to `dir`; returns the ones it created, outermost first. */
async function makeParents(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let current = dir; !existsSync(current); current = dirname(current)) missing.unshift(current);
  for (const path of missing) await mkdir(path, { mode: 0o700 });
  return missing;
}

function memoryTempBase(): string {
  return process.platform === 'linux' && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}
