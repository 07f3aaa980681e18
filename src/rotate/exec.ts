import { spawn } from 'node:child_process';

/** What a finished child process left behind. */
export interface ExecResult {
  /** Exit code, or null when a signal (or the timeout) ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Options of one run: stdin text, environment, working directory and a timeout. */
export interface ExecOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

/** Runs a program (no shell) and collects its output; never rejects for a non-zero exit. */
export type ExecFn = (file: string, args: string[], options?: ExecOptions) => Promise<ExecResult>;

/**
 * The real ExecFn: spawn without a shell, stdin written then closed. On timeout the child gets
 * SIGKILL and its pipes are closed, so a grandchild holding them open cannot keep us waiting.
 */
export const execFile: ExecFn = (file, args, options = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
          child.stdout.destroy();
          child.stderr.destroy();
        }, options.timeoutMs)
      : undefined;
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
    child.stdin.end(options.input ?? '');
  });
