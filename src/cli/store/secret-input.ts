import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { readAll, type CliIo } from '../io.js';
import { UnleakError } from '../../errors.js';
import { warn } from './store-context.js';
import { hiddenPrompt } from '../hidden-prompt.js';

/** Reading a secret value (stdin, a prompt without echo, or --value) and yes/no questions. */

type RawCapable = Readable & { setRawMode?: (raw: boolean) => unknown };

/**
 * The value for `secrets set`: --value (with a warning), else a prompt without echo on a terminal,
 * else all of stdin. A single line loses its newline (`echo x |`); multi-line input (a PEM key)
 * is kept exactly, final newline included. An empty value is refused.
 */
export async function readSecretValue(io: CliIo, name: string, given: string | undefined): Promise<string> {
  let value: string;
  if (given !== undefined) {
    warn(io, '--value puts the secret in your shell history and the process list; prefer stdin or the prompt.');
    value = given;
  } else if (io.stdinIsTty) {
    value = await promptHidden(io, `Value for ${name} (input hidden): `);
  } else {
    value = singleLine(await readAll(io.stdin));
  }
  if (value === '')
    throw new UnleakError('UNLEAK_VALUE_EMPTY', `no value given for ${name}`, {
      hint: 'Pipe the value on stdin: printf %s "$VALUE" | unleak secrets set NAME',
    });
  return value;
}

function singleLine(text: string): string {
  return /^[^\n]*\n$/.test(text) ? text.replace(/\r?\n$/, '') : text;
}

/** Asks a yes/no question on a terminal (default no); undefined when stdin is not a terminal. */
export async function askYesNo(io: CliIo, question: string): Promise<boolean | undefined> {
  if (!io.stdinIsTty) return undefined;
  io.stderr(`${question} [y/N] `);
  const lines = createInterface({ input: io.stdin, terminal: false });
  try {
    const [answer] = (await once(lines, 'line')) as [string];
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    lines.close();
  }
}

async function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin as RawCapable;
  if (typeof stdin.setRawMode !== 'function') {
    io.stderr(prompt);
    return singleLine(await readAll(stdin));
  }
  return hiddenPrompt(io, prompt, 'aborted at the prompt; nothing was changed');
}
