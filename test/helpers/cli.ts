import { Readable } from 'node:stream';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { run } from '../../src/cli/program.js';
import type { CliIo } from '../../src/cli/io.js';

/** Result of one CLI run in a test. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with a fake io rooted at `cwd`. */
export async function runCli(argv: string[], cwd: string, options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stdin: Readable.from([options.stdin ?? '']),
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdoutIsTty: false,
    stdinIsTty: false,
    stderrIsTty: false,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** A fresh temp folder with the given files (paths relative, content text or bytes). */
export function tempTree(files: Record<string, string | Buffer> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'unleak-test-'));
  writeTree(root, files);
  return root;
}

/** Writes files under a root, making folders on the way. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** Runs git in a folder with a fixed identity. */
export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=Test User',
      '-c',
      'user.email=test@example.test',
      '-c',
      'init.defaultBranch=main',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  );
}

/** A temp git repository with the given files, all committed or only written (`commit: false`). */
export function tempRepo(files: Record<string, string | Buffer> = {}, options: { commit?: boolean } = {}): string {
  const root = tempTree(files);
  gitIn(root, 'init', '-q');
  if (options.commit !== false && Object.keys(files).length) {
    gitIn(root, 'add', '-A');
    gitIn(root, 'commit', '-qm', 'initial');
  }
  return root;
}
