import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { constants } from 'node:os';
import { UnleakError } from '../../errors.js';

/**
 * Runs the command of `unleak run`: inherited stdio, the given environment, signals forwarded to
 * the child, and the child's exit status returned (128 + signal number when a signal killed it).
 */

/** How to run the child. */
export interface ChildRun {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Default `inherit`. */
  stdio?: StdioOptions;
  /**
   * True when the user is at a terminal: Ctrl-C / Ctrl-\ reach the child directly (same process
   * group), so SIGINT and SIGQUIT are not forwarded a second time, only kept from killing unleak.
   */
  interactive?: boolean;
  /** Where signals come from (default `process`; tests pass an EventEmitter). */
  signalSource?: EventEmitter;
  /** Called once the child is spawned (tests use it to wait for readiness). */
  onSpawn?: (child: ChildProcess) => void;
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];

/** Spawns the command and resolves with its exit code once it ends. */
export function runChild(run: ChildRun): Promise<number> {
  const source = run.signalSource ?? process;
  return new Promise((resolve, reject) => {
    const child = spawn(run.command, run.args, { cwd: run.cwd, env: run.env, stdio: run.stdio ?? 'inherit' });
    const handlers = new Map<NodeJS.Signals, () => void>();
    for (const signal of process.platform === 'win32' ? [] : FORWARDED) {
      const fromTerminal = run.interactive && (signal === 'SIGINT' || signal === 'SIGQUIT');
      const handler = (): void => {
        if (!fromTerminal && child.exitCode === null && child.signalCode === null) child.kill(signal);
      };
      handlers.set(signal, handler);
      source.on(signal, handler);
    }
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      for (const [signal, handler] of handlers) source.off(signal, handler);
      return true;
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (!settle()) return;
      const notFound = error.code === 'ENOENT';
      reject(
        new UnleakError(
          'UNLEAK_RUN_SPAWN_FAILED',
          `cannot start ${run.command}: ${notFound ? 'command not found' : (error.code ?? error.message)}`,
          {
            exitCode: notFound ? 127 : 126,
            cause: error,
          },
        ),
      );
    });
    child.once('exit', (code, signal) => {
      if (!settle()) return;
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
    if (child.pid !== undefined) run.onSpawn?.(child);
  });
}
