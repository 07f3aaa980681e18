import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UnleakError } from '../errors.js';
import { parseIdentities, permissionWarning, type AgeIdentity } from './identity-file.js';

/**
 * Where unleak finds age identities, in order: UNLEAK_AGE_KEY_FILE, SOPS_AGE_KEY_FILE,
 * SOPS_AGE_KEY (the key file's text itself), the unleak default path, then sops's default path.
 * Every identity found is tried; a variable naming a missing file is an error, not skipped.
 */

/** The identities found, warnings to show (e.g. wide permissions), and every place looked at. */
export interface IdentityLookup {
  identities: AgeIdentity[];
  warnings: string[];
  searched: string[];
}

/** The user's configuration directory: XDG_CONFIG_HOME, else the platform's usual place. */
export function configDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.XDG_CONFIG_HOME) return env.XDG_CONFIG_HOME;
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  if (platform === 'win32') return env.APPDATA || join(home, 'AppData', 'Roaming');
  return join(home, '.config');
}

/** Where `unleak keys generate` writes and unleak looks by default: <config>/unleak/age/keys.txt. */
export function defaultIdentityPath(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), 'unleak', 'age', 'keys.txt');
}

/** sops's own default key file, read last so a team already using sops needs nothing more. */
export function sopsDefaultIdentityPath(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), 'sops', 'age', 'keys.txt');
}

/** Finds every identity available through `env` (pass the command's environment, not process.env). */
export async function findIdentities(env: NodeJS.ProcessEnv): Promise<IdentityLookup> {
  const lookup: IdentityLookup = { identities: [], warnings: [], searched: [] };
  const explicit: Array<[string, string | undefined]> = [
    ['UNLEAK_AGE_KEY_FILE', env.UNLEAK_AGE_KEY_FILE],
    ['SOPS_AGE_KEY_FILE', env.SOPS_AGE_KEY_FILE],
  ];
  for (const [variable, path] of explicit) {
    if (!path) continue;
    lookup.searched.push(`${variable}=${path}`);
    const text = await readKeyFile(path, variable);
    if (text === undefined)
      throw new UnleakError('UNLEAK_IDENTITY_MISSING', `${variable} names ${path}, which does not exist`, {
        hint: `Fix or unset ${variable}.`,
      });
    await collect(lookup, text, path);
  }
  lookup.searched.push('SOPS_AGE_KEY');
  if (env.SOPS_AGE_KEY) lookup.identities.push(...(await parseIdentities(env.SOPS_AGE_KEY, 'SOPS_AGE_KEY')));
  for (const path of [defaultIdentityPath(env), sopsDefaultIdentityPath(env)]) {
    lookup.searched.push(path);
    const text = await readKeyFile(path, path);
    if (text !== undefined) await collect(lookup, text, path);
  }
  const seen = new Set<string>();
  lookup.identities = lookup.identities.filter((found) => !seen.has(found.recipient) && Boolean(seen.add(found.recipient)));
  return lookup;
}

async function collect(lookup: IdentityLookup, text: string, path: string): Promise<void> {
  const warning = await permissionWarning(path);
  if (warning) lookup.warnings.push(warning);
  lookup.identities.push(...(await parseIdentities(text, path)));
}

async function readKeyFile(path: string, label: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UnleakError('UNLEAK_IDENTITY_UNREADABLE', `cannot read the age key file ${path} (${label}): ${code ?? 'error'}`);
  }
}
