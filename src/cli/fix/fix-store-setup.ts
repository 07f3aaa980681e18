import { readFile } from 'node:fs/promises';
import { defaultIdentityPath, parseIdentities, writeNewIdentityFile, type IdentityLookup, type StoreAccess } from '../../store/index.js';
import type { FixStore } from '../../fix/index.js';
import type { CliIo } from '../io.js';
import { openStoreSession } from '../store/store-context.js';

/** The store a fix writes to, and the user's identity for it (generated on first use). */

/** The store's access, the user's identities, and where a new identity would be written. */
export interface FixStoreSetup {
  access: StoreAccess;
  lookup: IdentityLookup;
  identityPath: string;
  env: string;
  /** ` --env NAME` to repeat in printed commands, empty for the default environment. */
  envFlag: string;
}

/** Finds the environment, the identities and the audit actor for the store at `root`. */
export async function fixStoreSetup(root: string, envOption: string | undefined, io: CliIo): Promise<FixStoreSetup> {
  const { access, lookup, env, envFlag } = await openStoreSession(io, { env: envOption }, root);
  const identityPath = io.env.UNLEAK_AGE_KEY_FILE || defaultIdentityPath(io.env);
  return { access, lookup, identityPath, env, envFlag };
}

/**
 * The recipient a new store is encrypted to: the user's first identity, or a new identity written
 * (mode 0600) where `unleak keys generate` would put it. Returns the store to write with it.
 */
export async function ensureIdentity(
  setup: FixStoreSetup,
  io: CliIo,
  makeStore: (access: StoreAccess) => FixStore,
): Promise<{ recipient: string; store: FixStore }> {
  const first = setup.lookup.identities[0];
  if (first) return { recipient: first.recipient, store: makeStore(setup.access) };
  const recipient = await writeNewIdentityFile(setup.identityPath);
  io.stderr(
    `unleak: generated your age identity at ${setup.identityPath} (mode 0600). Back it up and never commit it: without it the store cannot be decrypted.\n`,
  );
  io.stderr(`unleak: your recipient (public, share it with teammates who add you): ${recipient}\n`);
  const identities = await parseIdentities(await readFile(setup.identityPath, 'utf8'), setup.identityPath);
  return { recipient, store: makeStore({ ...setup.access, identities }) };
}
