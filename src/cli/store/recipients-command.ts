import type { CommandContext } from '../context.js';
import { storeRecipients, updateStore } from '../../store/index.js';
import { locateStore, note, storeAccess, warn, type StoreCliOptions } from './store-context.js';

/** `unleak store recipients list|add|remove`. */

/** Prints the store's recipients, one per line (no identity needed). */
export async function recipientsList(ctx: CommandContext, options: StoreCliOptions): Promise<void> {
  for (const recipient of await storeRecipients(await locateStore(ctx, options))) ctx.io.stdout(`${recipient}\n`);
}

/** Encrypts the data key to more recipients; values keep their ciphertext. */
export async function recipientsAdd(ctx: CommandContext, recipients: string[], options: StoreCliOptions): Promise<void> {
  const added = await updateStore(await storeAccess(ctx, options), (store) => recipients.filter((recipient) => store.addRecipient(recipient)));
  for (const recipient of recipients) note(ctx, added.includes(recipient) ? `Added ${recipient}.` : `${recipient} is already a recipient.`);
}

/** Removes recipients, re-encrypts every value under a new data key, and says what that does not undo. */
export async function recipientsRemove(ctx: CommandContext, recipients: string[], options: StoreCliOptions): Promise<void> {
  const access = await storeAccess(ctx, options);
  const remaining = await updateStore(access, (store) => {
    for (const recipient of recipients) store.removeRecipient(recipient);
    return store.recipients;
  });
  note(ctx, `Removed ${recipients.join(', ')}. A new data key was made and every value re-encrypted.`);
  warn(
    ctx,
    'whoever held the removed identity may have kept copies of the old file (it stays in git history) or of the values themselves. ' +
      'Treat every secret in this store as known to them: rotate them (unleak rotate) and revoke the old values.',
  );
  if (!access.identities.some((found) => remaining.includes(found.recipient))) warn(ctx, 'you removed your own identity: you can no longer decrypt this store.');
}
