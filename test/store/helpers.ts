import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { afterAll } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { newAgeIdentity } from '../helpers/age-identity.js';
import { requireTools } from '../helpers/external-tools.js';

/** Test helpers for the store: temp dirs, age identities (made in-process), git repos and a fake io. */

/** The sops interop vectors (written by the real sops), in the repository's fixtures. */
export const VECTORS_DIR = fileURLToPath(new URL('../../fixtures/sops-vectors/', import.meta.url));

/**
 * Call where a test runs the `age`/`age-keygen` binaries (interop with the age CLI; identities
 * for other tests come from `ageKeygen`, which needs neither): in CI their absence fails the
 * run; elsewhere those tests are skipped with a visible message. Returns true when they can run.
 */
export function requireAgeTools(file: string): boolean {
  return requireTools(file, ['age', 'age-keygen']);
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

/** An age identity file: its path and its recipient. */
export interface KeyFile {
  path: string;
  recipient: string;
}

/**
 * Writes a new X25519 identity to `<dir>/<name>` (mode 0600) as `age-keygen -o` does (comment
 * lines, then the AGE-SECRET-KEY line), made in-process: no age-keygen binary needed.
 */
export function ageKeygen(dir: string, name = 'keys.txt'): KeyFile {
  const path = join(dir, name);
  const { identity, recipient } = newAgeIdentity();
  writeFileSync(path, `# created: ${new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')}\n# public key: ${recipient}\n${identity}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
  return { path, recipient };
}

/** The AGE-SECRET-KEY line of a key file. */
export function identityOf(keyFile: string): string {
  const line = readFileSync(keyFile, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('AGE-SECRET-KEY-1'));
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
export function fakeIo(options: {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  stdin?: string;
  stdinIsTty?: boolean;
}): CliIo & { out: () => string; err: () => string } {
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
