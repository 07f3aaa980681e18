import type { CliIo } from '../io.js';
import { EXIT_CLEAN } from '../../errors.js';
import { storeRecipients, updateStore } from '../../store/index.js';
import { locateStore, note, storeAccess, warn, type StoreCliOptions } from './store-context.js';

/** `unleak store recipients list|add|remove`. */

/** Prints the store's recipients, one per line (no identity needed). */
export async function recipientsListHandler(options: StoreCliOptions, io: CliIo): Promise<number> {
  for (const recipient of await storeRecipients(await locateStore(io, options))) io.stdout(`${recipient}\n`);
  return EXIT_CLEAN;
}

/** Encrypts the data key to more recipients; values keep their ciphertext. */
export async function recipientsAddHandler(recipients: string[], options: StoreCliOptions, io: CliIo): Promise<number> {
  const added = await updateStore(await storeAccess(io, options), (store) =>
    recipients.filter((recipient) => store.addRecipient(recipient)),
  );
  for (const recipient of recipients) note(io, added.includes(recipient) ? `Added ${recipient}.` : `${recipient} is already a recipient.`);
  return EXIT_CLEAN;
}

/** Removes recipients, re-encrypts every value under a new data key, and says what that does not undo. */
export async function recipientsRemoveHandler(recipients: string[], options: StoreCliOptions, io: CliIo): Promise<number> {
  const access = await storeAccess(io, options);
  const remaining = await updateStore(access, (store) => {
    for (const recipient of recipients) store.removeRecipient(recipient);
    return store.recipients;
  });
  note(io, `Removed ${recipients.join(', ')}. A new data key was made and every value re-encrypted.`);
  warn(
    io,
    'whoever held the removed identity may have kept copies of the old file (it stays in git history) or of the values themselves. ' +
      'Treat every secret in this store as known to them: rotate them (unleak rotate) and revoke the old values.',
  );
  if (!access.identities.some((found) => remaining.includes(found.recipient)))
    warn(io, 'you removed your own identity: you can no longer decrypt this store.');
  return EXIT_CLEAN;
}
