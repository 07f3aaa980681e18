import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForTest } from '../../helpers/bundle.js';

/**
 * `unleak rotate` / `status` as a real process, for the tests that signal or kill it mid-rotation.
 * Only the rotate commands are bundled (esbuild, into a folder under .bench/ so that the package
 * root is found), so the build does not
 * depend on other command groups being mid-edit, and never races with a build of dist/.
 */

const src = (path: string): string => fileURLToPath(new URL(`../../../src/${path}`, import.meta.url));

const ENTRY = `
import { Command } from 'commander';
import { rotateCommands } from ${JSON.stringify(src('cli/commands/rotate-commands.ts'))};
import { processIo } from ${JSON.stringify(src('cli/io.ts'))};
let exitCode = 0;
const io = processIo();
const program = new Command('unleak').exitOverride();
for (const register of rotateCommands) register(program, { io, setExitCode: (code) => { exitCode = Math.max(exitCode, code); } });
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (error) {
  process.stderr.write('unleak: error ' + String(error && error.code) + ': ' + String(error && error.message) + '\\n');
  exitCode = error && typeof error.exitCode === 'number' ? error.exitCode : 2;
}
process.exitCode = exitCode;
`;

/** A built CLI with the rotate commands, and a way to remove it. */
export async function buildRotateCli(): Promise<{ cli: string; remove: () => void }> {
  mkdirSync(src('../.bench'), { recursive: true });
  const dir = mkdtempSync(join(src('../.bench'), `rotate-cli-${process.pid}-`));
  writeFileSync(join(dir, 'entry.ts'), ENTRY);
  await bundleForTest({ entryPoints: [join(dir, 'entry.ts')], outdir: dir, splitting: true });
  return { cli: join(dir, 'entry.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A running CLI process: its stderr so far, a promise of the moment a line appears, and its exit. */
export interface CliProcess {
  kill(signal: NodeJS.Signals): void;
  /** Resolves when stderr contains `text` (rejects if the process exits first). */
  waitFor(text: string): Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts the CLI in `cwd` with `env` added to this process's environment (undefined values removed). */
export function startCli(cli: string, argv: string[], cwd: string, env: NodeJS.ProcessEnv): CliProcess {
  const merged = Object.fromEntries(
    Object.entries({ ...process.env, NO_COLOR: '1', ...env }).filter(([, value]) => value !== undefined),
  ) as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, [cli, ...argv], { cwd, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const waiter of waiters.filter((w) => stderr.includes(w.text))) waiter.resolve();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    kill: (signal) => void child.kill(signal),
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        if (stderr.includes(text)) return resolve();
        waiters.push({ text, resolve });
        void exit.then((result) =>
          reject(new Error(`the CLI exited (${result.code ?? result.signal}) before printing "${text}": ${result.stderr}`)),
        );
      }),
    exit,
  };
}
