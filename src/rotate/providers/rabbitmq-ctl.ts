// Written from https://www.rabbitmq.com/docs/man/rabbitmqctl.8 (change_password, list_users)
import type { ExecFn } from '../exec.js';
import { providerFailed } from '../rotation-errors.js';

/**
 * `rabbitmqctl` for brokers without the management plugin. The password goes on stdin (rabbitmqctl
 * reads it there when the argument is left out), never on the command line where `ps` shows it.
 */

/** How to run rabbitmqctl: the program and an optional `-n node`. */
export interface CtlTarget {
  exec: ExecFn;
  program: string;
  node?: string;
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
}

/** Exit codes after which rabbitmqctl certainly changed nothing: usage, data error, no such user, node unreachable. */
export const CTL_NOTHING_CHANGED = new Set([64, 65, 67, 69]);

/** A failed rabbitmqctl run, with its exit code (its output is not kept: it may echo input). */
export class CtlError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = 'CtlError';
  }
}

const nodeArgs = (target: CtlTarget): string[] => (target.node ? ['-n', target.node] : []);

async function run(target: CtlTarget, args: string[], input?: string): Promise<string> {
  let result;
  try {
    result = await target.exec(target.program, [...nodeArgs(target), ...args], { input, timeoutMs: target.timeoutMs, env: target.env });
  } catch (error) {
    throw providerFailed('rabbitmq', `cannot run ${target.program}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      cause: error,
      hint: 'Install rabbitmqctl, set option rabbitmqctl to its path, or set an admin URL for the management API.',
    });
  }
  if (result.code !== 0) {
    const firstLine = result.stderr.split('\n').find((line) => /does not exist|unable|error|refused|timeout/i.test(line)) ?? '';
    throw new CtlError(
      `rabbitmqctl ${args[0]} exited with ${result.timedOut ? 'a timeout' : `code ${result.code}`}${firstLine ? `: ${firstLine.trim().slice(0, 160)}` : ''}`,
      result.code,
    );
  }
  return result.stdout;
}

/** True when the user exists (`list_users --formatter json`). */
export async function ctlUserExists(target: CtlTarget, user: string): Promise<boolean> {
  const output = await run(target, ['list_users', '--formatter', 'json', '--quiet']);
  const start = output.indexOf('[');
  const users = JSON.parse(start === -1 ? '[]' : output.slice(start)) as Array<{ user?: unknown }>;
  return users.some((entry) => entry.user === user);
}

/** `rabbitmqctl change_password <user>`, the password on stdin. */
export async function ctlChangePassword(target: CtlTarget, user: string, password: string): Promise<void> {
  await run(target, ['change_password', user], `${password}\n`);
}
