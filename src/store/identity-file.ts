import { chmod, mkdir, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { UnleakError } from '../errors.js';

/**
 * Age key files in the format `age-keygen` writes: `#` comment lines and one `AGE-SECRET-KEY-1…`
 * identity per line. Identities are secrets: they are read, never printed or logged.
 */

/** An identity together with its public recipient and where it came from (a path or a variable name). */
export interface AgeIdentity {
  identity: string;
  recipient: string;
  source: string;
}

/** Extracts the identities of a key file's text. Lines that are not identities or comments are an error. */
export async function parseIdentities(text: string, source: string): Promise<AgeIdentity[]> {
  const found: AgeIdentity[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!line.startsWith('AGE-SECRET-KEY-1')) {
      throw new UnleakError('UNLEAK_IDENTITY_INVALID', `${source}: line ${index + 1} is not an age identity (AGE-SECRET-KEY-1…)`, {
        hint: 'unleak reads X25519 identities as written by age-keygen; plugin and SSH keys are not supported.',
      });
    }
    try {
      found.push({ identity: line, recipient: await identityToRecipient(line), source });
    } catch {
      throw new UnleakError('UNLEAK_IDENTITY_INVALID', `${source}: line ${index + 1} is a malformed age identity`);
    }
  }
  return found;
}

/** A warning when a key file can be read or written by group or others (mode wider than 0600). */
export async function permissionWarning(path: string): Promise<string | undefined> {
  if (process.platform === 'win32') return undefined;
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & 0o077) === 0) return undefined;
  return `identity file ${path} has mode ${mode.toString(8).padStart(4, '0')}: other users may read it; run: chmod 600 ${path}`;
}

/**
 * Creates a new X25519 identity file at `path` (mode 0600, parent directory 0700), in the
 * age-keygen format. Refuses to overwrite an existing file. Returns the recipient.
 */
export async function writeNewIdentityFile(path: string, now: Date = new Date()): Promise<string> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  const text = `# created: ${now.toISOString().replace(/\.\d{3}Z$/, 'Z')}\n# public key: ${recipient}\n${identity}\n`;
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UnleakError('UNLEAK_IDENTITY_EXISTS', `an identity file already exists at ${path}; unleak never overwrites one`, {
        hint: 'Print its recipient with `unleak keys show`, or write a new one elsewhere with --out PATH.',
      });
    }
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(path, 0o600);
  return recipient;
}
