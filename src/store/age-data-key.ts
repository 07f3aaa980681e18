import { randomBytes } from 'node:crypto';
import { armor, Decrypter, Encrypter } from 'age-encryption';
import { recipientInvalid } from './store-errors.js';
import type { AgeStanza } from './sops-metadata.js';

/**
 * The file's 32-byte data key, encrypted to each age recipient as its own ASCII-armored age file,
 * exactly as sops stores it in `sops.age[].enc`.
 */

const X25519_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/** A fresh random data key. */
export function newDataKey(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

/**
 * Checks a recipient is an X25519 age recipient (`age1…`, the kind `age-keygen` makes and every
 * sops version reads). Throws UNLEAK_RECIPIENT_INVALID otherwise.
 */
export function assertRecipient(recipient: string): void {
  if (!X25519_RECIPIENT.test(recipient))
    throw recipientInvalid(recipient, 'expected an X25519 recipient: age1 followed by 58 lower-case bech32 characters');
  try {
    new Encrypter().addRecipient(recipient);
  } catch (error) {
    throw recipientInvalid(recipient, error instanceof Error ? error.message : 'rejected by age');
  }
}

/** Encrypts the data key to one recipient; the result is an armored age file ending in a newline. */
export async function wrapDataKey(dataKey: Uint8Array, recipient: string): Promise<AgeStanza> {
  assertRecipient(recipient);
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return { recipient, enc: armor.encode(await encrypter.encrypt(dataKey)) };
}

/** Why unwrapping failed: no stanza matched the identities, or a stanza was malformed. */
export class DataKeyError extends Error {
  override readonly name = 'DataKeyError';
  constructor(
    readonly kind: 'no-match' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

/** Recovers the data key with the first identity that matches one of the stanzas. */
export async function unwrapDataKey(stanzas: AgeStanza[], identities: string[]): Promise<Uint8Array> {
  const decrypter = new Decrypter();
  for (const identity of identities) decrypter.addIdentity(identity);
  let malformed = false;
  for (const stanza of stanzas) {
    let file: Uint8Array;
    try {
      file = armor.decode(stanza.enc);
    } catch {
      malformed = true;
      continue;
    }
    let key: Uint8Array;
    try {
      key = await decrypter.decrypt(file);
    } catch (error) {
      if (error instanceof Error && /no identity matched/.test(error.message)) continue;
      malformed = true;
      continue;
    }
    if (key.length !== 32) throw new DataKeyError('malformed', `the data key for ${stanza.recipient} is ${key.length} bytes, not 32`);
    return key;
  }
  throw malformed
    ? new DataKeyError('malformed', 'an age stanza of the file is malformed')
    : new DataKeyError('no-match', 'no identity matches any recipient');
}
