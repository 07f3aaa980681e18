import { toUnleakError } from '../errors.js';
import type { CliIo } from './io.js';

/** Prints a command's error as `unleak: error CODE: message` (and its hint) and returns its exit code. */
export function reportCliError(error: unknown, io: CliIo): number {
  const unleakError = toUnleakError(error);
  io.stderr(`unleak: error ${unleakError.code}: ${unleakError.message}\n`);
  if (unleakError.hint) io.stderr(`hint: ${unleakError.hint}\n`);
  if (unleakError.code === 'UNLEAK_INTERNAL' && io.env.UNLEAK_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
  return unleakError.exitCode;
}
