import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliIo } from '../io.js';
import { writeFileAtomic } from '../../fsutil/index.js';
import { isGitIgnored, openStore } from '../../store/index.js';
import { EXIT_CLEAN, UnleakError } from '../../errors.js';
import { note, storeAccess, warn, type StoreCliOptions } from './store-context.js';
import { composedValues, renderTemplate } from './template-render.js';

/** `unleak render TEMPLATE [--out FILE]` */

/** Renders a template with the store's secrets to stdout, or to --out (mode 0600, written atomically). */
export async function renderHandler(template: string, options: StoreCliOptions & { out?: string }, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, template), 'utf8');
  } catch {
    throw new UnleakError('UNLEAK_READ_FAILED', `cannot read the template ${template}`);
  }
  const access = await storeAccess(io, options);
  const values = composedValues(await openStore(access));
  const { output, missing } = renderTemplate(text, (name) => values.get(name));
  if (missing.length > 0) {
    throw new UnleakError('UNLEAK_RENDER_MISSING', `${template} references secrets the store does not have: ${missing.join(', ')}`, {
      hint: 'Nothing was written. Add them with `unleak secrets set NAME`, or write $${NAME} for a literal ${NAME}.',
    });
  }
  if (options.out === undefined) {
    io.stdout(output);
    return EXIT_CLEAN;
  }
  const out = resolve(io.cwd, options.out);
  if ((await isGitIgnored(out, access.root, io.env)) === false)
    warn(io, `${options.out} holds plaintext secrets and is not ignored by git: add it to .gitignore and never commit it.`);
  await writeFileAtomic(out, output, { mode: 0o600 });
  note(io, `Wrote ${options.out} (mode 0600).`);
  return EXIT_CLEAN;
}
