import { resolve } from 'node:path';
import type { CliIo } from '../io.js';
import { UnleakError } from '../../errors.js';
import {
  assertEnvName,
  DEFAULT_ENV,
  findIdentities,
  resolveActor,
  resolveRepoRoot,
  type IdentityLookup,
  type StoreAccess,
  type StoreLocation,
} from '../../store/index.js';

/**
 * What every command that opens a store shares (store commands, fix, purge, rotate, status):
 * finding the repository, the environment, the store file, the identities and the audit actor.
 */

/** The --env and --store options. */
export interface StoreCliOptions {
  env?: string;
  store?: string;
}

/** A store opened for one command run. */
export interface StoreSession {
  root: string;
  env: string;
  /** Location (root, env, --store file), identities and actor. */
  access: StoreAccess;
  lookup: IdentityLookup;
  /** ` --env NAME` to repeat in printed commands, empty for the default environment. */
  envFlag: string;
}

/**
 * The environment a command works on: `--env NAME`, else `$UNLEAK_ENV` (empty means unset), else
 * `default`. `--env ""` names no environment and is an error (UNLEAK_ENV_INVALID), so a script
 * passing an unset variable never reads or writes the default store by accident.
 */
export function resolveEnvName(option: string | undefined, env: NodeJS.ProcessEnv): string {
  if (option === '') {
    throw new UnleakError('UNLEAK_ENV_INVALID', '--env "" names no environment', {
      hint: `Leave --env out to use $UNLEAK_ENV or the "${DEFAULT_ENV}" environment, or name one (e.g. --env dev).`,
    });
  }
  const name = option ?? (env.UNLEAK_ENV || DEFAULT_ENV);
  assertEnvName(name);
  return name;
}

/** The store a command works on: --store (relative to the cwd), else the --env / $UNLEAK_ENV / default environment. */
export async function locateStore(io: CliIo, options: StoreCliOptions): Promise<StoreLocation & { env: string }> {
  return locate(io, options, await resolveRepoRoot(io.cwd, io.env));
}

function locate(io: CliIo, options: StoreCliOptions, root: string): StoreLocation & { env: string } {
  const env = resolveEnvName(options.env, io.env);
  return options.store === undefined ? { root, env } : { root, env, file: resolve(io.cwd, options.store) };
}

/**
 * Opens the store session of a command: the location, the user's identities (permission warnings
 * go to stderr) and the git actor. `root` skips finding the repository when the caller has it.
 */
export async function openStoreSession(io: CliIo, options: StoreCliOptions, root?: string): Promise<StoreSession> {
  const location = locate(io, options, root ?? (await resolveRepoRoot(io.cwd, io.env)));
  const lookup = await findIdentities(io.env);
  for (const warning of lookup.warnings) io.stderr(`unleak: warning: ${warning}\n`);
  const actor = await resolveActor(location.root, io.env);
  const access: StoreAccess = { ...location, identities: lookup.identities, searched: lookup.searched, actor };
  const envFlag = location.env === DEFAULT_ENV && !io.env.UNLEAK_ENV ? '' : ` --env ${location.env}`;
  return { root: location.root, env: location.env, access, lookup, envFlag };
}

/** The location plus the user's identities (permission warnings go to stderr) and the git actor. */
export async function storeAccess(io: CliIo, options: StoreCliOptions): Promise<StoreAccess> {
  return (await openStoreSession(io, options)).access;
}

/** Prints `unleak: warning: …` to stderr. */
export function warn(io: CliIo, text: string): void {
  io.stderr(`unleak: warning: ${text}\n`);
}

/** Prints a status line to stderr (stdout is kept for data). */
export function note(io: CliIo, text: string): void {
  io.stderr(`${text}\n`);
}
