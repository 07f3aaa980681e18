import { relative } from 'node:path';
import type { CommandContext } from '../context.js';
import { createStore, findIdentities, resolveActor } from '../../store/index.js';
import { UnleakError } from '../../errors.js';
import { locateStore, note, warn, type StoreCliOptions } from './store-context.js';

/** `unleak store init`: creates an empty store for an environment. */

/** Creates the store encrypted to --recipient (repeatable), or to the user's own identity when none is given. */
export async function storeInit(ctx: CommandContext, options: StoreCliOptions & { recipient?: string[] }): Promise<void> {
  const location = await locateStore(ctx, options);
  let recipients = options.recipient ?? [];
  if (recipients.length === 0) {
    const lookup = await findIdentities(ctx.io.env);
    for (const text of lookup.warnings) warn(ctx, text);
    recipients = lookup.identities.map((found) => found.recipient).slice(0, 1);
    if (recipients.length === 0) {
      throw new UnleakError('UNLEAK_RECIPIENT_MISSING', 'no --recipient given and no identity of yours found', {
        hint: 'Run `unleak keys generate`, or pass --recipient age1… (repeatable).',
      });
    }
    note(ctx, `No --recipient given: encrypting to your own identity (${recipients[0]}).`);
  }
  const file = await createStore({ ...location, recipients, actor: await resolveActor(location.root, ctx.io.env) });
  ctx.io.stdout(`${relative(ctx.io.cwd, file) || file}\n`);
  note(ctx, `Created an empty store for ${recipients.length} recipient${recipients.length === 1 ? '' : 's'}. Commit it; sops and unleak can both read it.`);
}
