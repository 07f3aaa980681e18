import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { afterAll } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';

/** Test helpers for the store: temp dirs, real age-keygen identities, git repos and a fake io. */

/** The sops interop vectors (written by the real sops), shared by the team outside the repo. */
export const VECTORS_DIR = fileURLToPath(new URL('../../../shared/vectors/sops/', import.meta.url));

/** True when the Debian `age` and `age-keygen` binaries are on PATH. */
export const HAS_AGE_TOOLS = spawnSync('age-keygen', ['--version']).status === 0 && spawnSync('age', ['--version']).status === 0;

/**
 * Call at the top of a file that needs `age`/`age-keygen`: in CI their absence fails the run;
 * elsewhere the file's tests are skipped with a visible message. Returns true when they can run.
 */
export function requireAgeTools(file: string): boolean {
  if (HAS_AGE_TOOLS) return true;
  if (process.env.CI === 'true') throw new Error(`${file}: the age and age-keygen binaries are required in CI (apt-get install age)`);
  console.warn(`SKIPPED ${file}: age/age-keygen not installed (apt-get install age); interop with the age CLI is not tested`);
  return false;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test file. */
export function tempDir(prefix = 'unleak-store-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** An identity made by the real age-keygen: the key file path and its recipient. */
export interface KeyFile {
  path: string;
  recipient: string;
}

/** Runs `age-keygen -o <dir>/<name>` and returns the file and recipient. */
export function ageKeygen(dir: string, name = 'keys.txt'): KeyFile {
  const path = join(dir, name);
  execFileSync('age-keygen', ['-o', path], { stdio: 'pipe' });
  return { path, recipient: execFileSync('age-keygen', ['-y', path], { encoding: 'utf8' }).trim() };
}

/** The AGE-SECRET-KEY line of a key file. */
export function identityOf(keyFile: string): string {
  const line = readFileSync(keyFile, 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'));
  if (!line) throw new Error(`no identity in ${keyFile}`);
  return line;
}

/** `git init` with a fixed user.email, so audit entries have a known actor. */
export function gitInit(dir: string, email = 'tester@example.com'): void {
  execFileSync('git', ['init', '-q', dir]);
  execFileSync('git', ['config', 'user.email', email], { cwd: dir });
  execFileSync('git', ['config', 'user.name', 'Tester'], { cwd: dir });
}

/** A random test value (never a committed literal). */
export function randomValue(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** A fake CliIo capturing stdout and stderr. */
export function fakeIo(options: { cwd: string; env?: NodeJS.ProcessEnv; stdin?: string; stdinIsTty?: boolean }): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    stdin,
    cwd: options.cwd,
    env: { PATH: process.env.PATH, HOME: options.cwd, ...options.env },
    stdoutIsTty: false,
    stdinIsTty: options.stdinIsTty ?? false,
    stderrIsTty: false,
    out: () => out,
    err: () => err,
  };
}
