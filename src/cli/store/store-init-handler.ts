import { relative } from 'node:path';
import type { CliIo } from '../io.js';
import { createStore, findIdentities, resolveActor } from '../../store/index.js';
import { EXIT_CLEAN, UnleakError } from '../../errors.js';
import { locateStore, note, warn, type StoreCliOptions } from './store-context.js';

/** `unleak store init`: creates an empty store for an environment. */

/** Creates the store encrypted to --recipient (repeatable), or to the user's own identity when none is given. */
export async function storeInitHandler(options: StoreCliOptions & { recipient?: string[] }, io: CliIo): Promise<number> {
  const location = await locateStore(io, options);
  let recipients = options.recipient ?? [];
  if (recipients.length === 0) {
    const lookup = await findIdentities(io.env);
    for (const text of lookup.warnings) warn(io, text);
    recipients = lookup.identities.map((found) => found.recipient).slice(0, 1);
    if (recipients.length === 0) {
      throw new UnleakError('UNLEAK_RECIPIENT_MISSING', 'no --recipient given and no identity of yours found', {
        hint: 'Run `unleak keys generate`, or pass --recipient age1… (repeatable).',
      });
    }
    note(io, `No --recipient given: encrypting to your own identity (${recipients[0]}).`);
  }
  const file = await createStore({ ...location, recipients, actor: await resolveActor(location.root, io.env) });
  io.stdout(`${relative(io.cwd, file) || file}\n`);
  note(
    io,
    `Created an empty store for ${recipients.length} recipient${recipients.length === 1 ? '' : 's'}. Commit it; sops and unleak can both read it.`,
  );
  return EXIT_CLEAN;
}
