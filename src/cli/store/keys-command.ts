import { resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { defaultIdentityPath, findIdentities, identityMissing, writeNewIdentityFile } from '../../store/index.js';
import { note, warn } from './store-context.js';

/** `unleak keys generate` and `unleak keys show`. */

/** Creates an identity file (0600, never overwriting) and prints its recipient on stdout. */
export async function keysGenerate(ctx: CommandContext, options: { out?: string }): Promise<void> {
  const { io } = ctx;
  const path = options.out !== undefined ? resolve(io.cwd, options.out) : (io.env.UNLEAK_AGE_KEY_FILE ?? defaultIdentityPath(io.env));
  const recipient = await writeNewIdentityFile(path);
  io.stdout(`${recipient}\n`);
  note(ctx, `Wrote a new age identity to ${path} (mode 0600). Back it up; never commit it.`);
  note(ctx, `Your recipient (public, share it): ${recipient}`);
  const lookup = await findIdentities(io.env);
  if (!lookup.identities.some((found) => found.recipient === recipient)) {
    warn(ctx, `unleak will not find this identity by itself; set UNLEAK_AGE_KEY_FILE=${path}`);
  }
}

/** Prints the recipient of every identity found (stdout), with where it was found (stderr). */
export async function keysShow(ctx: CommandContext): Promise<void> {
  const lookup = await findIdentities(ctx.io.env);
  for (const warning of lookup.warnings) warn(ctx, warning);
  if (lookup.identities.length === 0) throw identityMissing(lookup.searched);
  for (const found of lookup.identities) {
    ctx.io.stdout(`${found.recipient}\n`);
    note(ctx, `  (from ${found.source})`);
  }
}
