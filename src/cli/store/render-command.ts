import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { isGitIgnored, openStore, writeFileAtomic } from '../../store/index.js';
import { UnleakError } from '../../errors.js';
import { note, storeAccess, warn, type StoreCliOptions } from './store-context.js';
import { composedValues, renderTemplate } from './template-render.js';

/** `unleak render TEMPLATE [--out FILE]` */

/** Renders a template with the store's secrets to stdout, or to --out (mode 0600, written atomically). */
export async function renderCommand(ctx: CommandContext, template: string, options: StoreCliOptions & { out?: string }): Promise<void> {
  let text: string;
  try {
    text = await readFile(resolve(ctx.io.cwd, template), 'utf8');
  } catch {
    throw new UnleakError('UNLEAK_RENDER_UNREADABLE', `cannot read the template ${template}`);
  }
  const access = await storeAccess(ctx, options);
  const values = composedValues(await openStore(access));
  const { output, missing } = renderTemplate(text, (name) => values.get(name));
  if (missing.length > 0) {
    throw new UnleakError('UNLEAK_RENDER_MISSING', `${template} references secrets the store does not have: ${missing.join(', ')}`, {
      hint: 'Nothing was written. Add them with `unleak secrets set NAME`, or write $${NAME} for a literal ${NAME}.',
    });
  }
  if (options.out === undefined) {
    ctx.io.stdout(output);
    return;
  }
  const out = resolve(ctx.io.cwd, options.out);
  if ((await isGitIgnored(out, access.root, ctx.io.env)) === false) warn(ctx, `${options.out} holds plaintext secrets and is not ignored by git: add it to .gitignore and never commit it.`);
  await writeFileAtomic(out, output, 0o600);
  note(ctx, `Wrote ${options.out} (mode 0600).`);
}
