import type { CommandContext } from '../context.js';
import { assertSecretName, openStore, updateStore, type SecretEntry } from '../../store/index.js';
import { UnleakError } from '../../errors.js';
import { formatDotenv } from './dotenv-file.js';
import { readSecretValue } from './secret-input.js';
import { note, storeAccess, type StoreCliOptions } from './store-context.js';
import { composedValues } from './template-render.js';

/** `unleak secrets set|get|list|rm|export` (import lives in secrets-import-command.ts). */

/** Adds or changes a secret; the value comes from stdin, a hidden prompt, or --value. */
export async function secretsSet(ctx: CommandContext, name: string, options: StoreCliOptions & { value?: string; provider?: string; fingerprint?: string; leaked?: boolean }): Promise<void> {
  assertSecretName(name);
  const access = await storeAccess(ctx, options);
  await openStore(access);
  const value = await readSecretValue(ctx, name, options.value);
  const existed = await updateStore(access, (store) => {
    const had = store.has(name);
    store.set(name, value, { provider: options.provider, fingerprint: options.fingerprint, leaked: options.leaked ? true : undefined });
    return had;
  });
  note(ctx, `${existed ? 'Updated' : 'Added'} ${name}.`);
}

/** Prints one value to stdout (with a newline only when stdout is a terminal). */
export async function secretsGet(ctx: CommandContext, name: string, options: StoreCliOptions): Promise<void> {
  const store = await openStore(await storeAccess(ctx, options));
  const value = store.get(name);
  ctx.io.stdout(ctx.io.stdoutIsTty ? `${value}\n` : value);
}

/** Lists names and metadata, never values. */
export async function secretsList(ctx: CommandContext, options: StoreCliOptions & { json?: boolean }): Promise<void> {
  const store = await openStore(await storeAccess(ctx, options));
  const entries = store.list().map((entry) => ({ ...entry, hasPending: store.getPending(entry.name) !== undefined }));
  if (options.json) {
    ctx.io.stdout(`${JSON.stringify(entries.map((entry) => ({ name: entry.name, ...entry.meta, rotating: entry.hasPrevious || entry.hasPending, interrupted: interrupted(entry) })), null, 2)}\n`);
    return;
  }
  if (entries.length === 0) note(ctx, 'The store holds no secrets yet. Add one with `unleak secrets set NAME`.');
  for (const entry of entries) ctx.io.stdout(`${describe(entry)}\n`);
}

/** A listed entry plus whether a rotation's new value waits as pending (`NAME.pending`). */
type ListedEntry = SecretEntry & { hasPending: boolean };

/** A pending value without a previous one: the rotation stopped around its provider change (as `unleak status` reads it). */
const interrupted = (entry: ListedEntry): boolean => entry.hasPending && !entry.hasPrevious;

function describe(entry: ListedEntry): string {
  const meta = entry.meta;
  const parts = [entry.name];
  if (meta?.createdAt) parts.push(`created ${meta.createdAt}`);
  if (meta?.rotatedAt) parts.push(`rotated ${meta.rotatedAt}`);
  if (meta?.provider) parts.push(`provider ${meta.provider}`);
  if (meta?.fingerprint) parts.push(`finding ${meta.fingerprint}`);
  if (meta?.source) parts.push(`from ${meta.source}`);
  if (meta?.leaked) parts.push('LEAKED (rotate it)');
  if (interrupted(entry)) parts.push(`rotation interrupted (finish it: unleak rotate --finish ${entry.name})`);
  else if (entry.hasPrevious || entry.hasPending) parts.push(`rotation in progress (finish it: unleak rotate --finish ${entry.name})`);
  return parts.join('  ');
}

/** Removes a secret. */
export async function secretsRemove(ctx: CommandContext, name: string, options: StoreCliOptions): Promise<void> {
  await updateStore(await storeAccess(ctx, options), (store) => store.remove(name));
  note(ctx, `Removed ${name}. It stays readable in older versions of the file in git history; rotate it if it must be dead.`);
}

/** Prints every secret in plaintext, as dotenv or JSON, to stdout. */
export async function secretsExport(ctx: CommandContext, options: StoreCliOptions & { format: string }): Promise<void> {
  if (options.format !== 'dotenv' && options.format !== 'json') {
    throw new UnleakError('UNLEAK_FORMAT_INVALID', `unknown export format ${JSON.stringify(options.format)}`, { hint: 'Use --format dotenv or --format json.' });
  }
  const values = composedValues(await openStore(await storeAccess(ctx, options)));
  ctx.io.stdout(options.format === 'json' ? `${JSON.stringify(Object.fromEntries(values), null, 2)}\n` : formatDotenv(values));
}
