import { UnleakError } from '../errors.js';

/**
 * Errors the store raises. Each has a stable code and exits 2; none ever carries a decrypted value,
 * only file paths, key paths, recipients (public) and identity sources (file names, variable names).
 */

/** The store file does not exist. */
export function storeNotFound(file: string, env: string | undefined): UnleakError {
  const init = env === undefined ? 'unleak store init --store FILE' : `unleak store init${env === 'default' ? '' : ` --env ${env}`}`;
  const hint = `${env === undefined ? 'Check the --store path, or create' : 'Create'} the store with: ${init} [--recipient age1…] (your own identity when no recipient is given).`;
  return new UnleakError('UNLEAK_STORE_NOT_FOUND', `no store at ${file}: run \`${init}\` first`, { hint });
}

/** The store file exists already (init refuses to overwrite it). */
export function storeExists(file: string): UnleakError {
  return new UnleakError('UNLEAK_STORE_EXISTS', `a store already exists at ${file}`, {
    hint: 'Add recipients with `unleak store recipients add`, or pick another --env.',
  });
}

/** The file cannot be parsed as a SOPS file, or a value in it is malformed or fails authentication. */
export function storeCorrupt(file: string, detail: string, cause?: unknown): UnleakError {
  return new UnleakError('UNLEAK_STORE_CORRUPT', `${file} is corrupt or was tampered with: ${detail}`, {
    cause,
    hint: 'Nothing was changed. Restore the file from git (git checkout -- FILE) and try again.',
  });
}

/** The SOPS MAC does not match the values: the file was edited without the data key. */
export function storeMacMismatch(file: string): UnleakError {
  return new UnleakError('UNLEAK_STORE_MAC_MISMATCH', `${file}: MAC mismatch: the file was changed outside sops/unleak or is damaged`, {
    hint: 'Nothing was changed. Inspect `git diff` of the file and restore the last good version.',
  });
}

/** unleak can read this file but will not write it (other format, other key types, other encryption rules). */
export function storeReadOnly(file: string, reason: string): UnleakError {
  return new UnleakError('UNLEAK_STORE_READ_ONLY', `${file} is read-only for unleak: ${reason}`, {
    hint: 'Edit it with sops, or move its values into an unleak store (.unleak/secrets.<env>.sops.json).',
  });
}

/** Another process holds the store lock. */
export function storeLocked(lockFile: string, holder: string): UnleakError {
  return new UnleakError('UNLEAK_STORE_LOCKED', `the store is locked by ${holder} (${lockFile})`, {
    hint: 'Wait for the other unleak process to finish. If none is running, delete the lock file.',
  });
}

/** No age identity was found anywhere unleak looks. */
export function identityMissing(searched: string[]): UnleakError {
  return new UnleakError('UNLEAK_IDENTITY_MISSING', `no age identity found (looked in: ${searched.join(', ')})`, {
    hint: 'Create one with `unleak keys generate`, or set UNLEAK_AGE_KEY_FILE / SOPS_AGE_KEY_FILE to an age-keygen key file.',
  });
}

/** Identities were found, but none of them is a recipient of the store. */
export function identityMismatch(file: string, recipients: string[], mine: string[]): UnleakError {
  return new UnleakError('UNLEAK_IDENTITY_MISMATCH', `none of your age identities can decrypt ${file}`, {
    hint: `The file is encrypted to: ${recipients.join(', ') || '(nobody)'}. Your identities are: ${mine.join(', ')}. Ask a recipient to run \`unleak store recipients add <your recipient>\`.`,
  });
}

/** A secret name that is not in the store. */
export function secretNotFound(name: string, file: string): UnleakError {
  return new UnleakError('UNLEAK_SECRET_NOT_FOUND', `no secret named ${name} in ${file}`, {
    hint: 'List the names with `unleak secrets list`.',
  });
}

/** A secret name unleak refuses to store (it would not be encrypted, or clashes with metadata). */
export function secretNameInvalid(name: string, reason: string): UnleakError {
  return new UnleakError('UNLEAK_SECRET_NAME_INVALID', `invalid secret name ${JSON.stringify(name)}: ${reason}`, {
    hint: 'Use an environment-variable style name: letters, digits and _, not starting with a digit (e.g. DATABASE_URL).',
  });
}

/** A recipient string that is not an X25519 age recipient. */
export function recipientInvalid(recipient: string, reason: string): UnleakError {
  return new UnleakError('UNLEAK_RECIPIENT_INVALID', `invalid age recipient ${JSON.stringify(recipient)}: ${reason}`, {
    hint: 'Recipients look like age1… (62 characters); `age-keygen -y KEYFILE` or `unleak keys show` prints yours.',
  });
}
