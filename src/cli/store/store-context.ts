import { resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { assertEnvName, DEFAULT_ENV, findIdentities, resolveActor, resolveRepoRoot, type StoreAccess, type StoreLocation } from '../../store/index.js';

/** What every store command shares: finding the repository, the store file and the identities. */

/** The --env and --store options. */
export interface StoreCliOptions {
  env?: string;
  store?: string;
}

/** The store a command works on: --store (relative to the cwd), else the --env / $UNLEAK_ENV / default environment. */
export async function locateStore(ctx: CommandContext, options: StoreCliOptions): Promise<StoreLocation & { env: string }> {
  const root = await resolveRepoRoot(ctx.io.cwd, ctx.io.env);
  const env = options.env ?? ctx.io.env.UNLEAK_ENV ?? DEFAULT_ENV;
  assertEnvName(env);
  return options.store === undefined ? { root, env } : { root, env, file: resolve(ctx.io.cwd, options.store) };
}

/** The location plus the user's identities (permission warnings go to stderr) and the git actor. */
export async function storeAccess(ctx: CommandContext, options: StoreCliOptions): Promise<StoreAccess> {
  const location = await locateStore(ctx, options);
  const lookup = await findIdentities(ctx.io.env);
  for (const warning of lookup.warnings) warn(ctx, warning);
  const actor = await resolveActor(location.root, ctx.io.env);
  return { ...location, identities: lookup.identities, searched: lookup.searched, actor };
}

/** Prints `unleak: warning: …` to stderr. */
export function warn(ctx: CommandContext, text: string): void {
  ctx.io.stderr(`unleak: warning: ${text}\n`);
}

/** Prints a status line to stderr (stdout is kept for data). */
export function note(ctx: CommandContext, text: string): void {
  ctx.io.stderr(`${text}\n`);
}
