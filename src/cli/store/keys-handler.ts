import { resolve } from 'node:path';
import type { CliIo } from '../io.js';
import { EXIT_CLEAN } from '../../errors.js';
import { defaultIdentityPath, findIdentities, identityMissing, writeNewIdentityFile } from '../../store/index.js';
import { note, warn } from './store-context.js';

/** `unleak keys generate` and `unleak keys show`. */

/** Creates an identity file (0600, never overwriting) and prints its recipient on stdout. */
export async function keysGenerateHandler(options: { out?: string }, io: CliIo): Promise<number> {
  const path = options.out !== undefined ? resolve(io.cwd, options.out) : (io.env.UNLEAK_AGE_KEY_FILE ?? defaultIdentityPath(io.env));
  const recipient = await writeNewIdentityFile(path);
  io.stdout(`${recipient}\n`);
  note(io, `Wrote a new age identity to ${path} (mode 0600). Back it up; never commit it.`);
  note(io, `Your recipient (public, share it): ${recipient}`);
  const lookup = await findIdentities(io.env);
  if (!lookup.identities.some((found) => found.recipient === recipient)) {
    warn(io, `unleak will not find this identity by itself; set UNLEAK_AGE_KEY_FILE=${path}`);
  }
  return EXIT_CLEAN;
}

/** Prints the recipient of every identity found (stdout), with where it was found (stderr). */
export async function keysShowHandler(_options: object, io: CliIo): Promise<number> {
  const lookup = await findIdentities(io.env);
  for (const warning of lookup.warnings) warn(io, warning);
  if (lookup.identities.length === 0) throw identityMissing(lookup.searched);
  for (const found of lookup.identities) {
    io.stdout(`${found.recipient}\n`);
    note(io, `  (from ${found.source})`);
  }
  return EXIT_CLEAN;
}
