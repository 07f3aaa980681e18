import type { CliIo } from '../io.js';
import { assertSecretName, openStore, updateStore, type SecretEntry } from '../../store/index.js';
import { EXIT_CLEAN, UnleakError } from '../../errors.js';
import { formatDotenv } from './dotenv-file.js';
import { readSecretValue } from './secret-input.js';
import { note, storeAccess, type StoreCliOptions } from './store-context.js';
import { composedValues } from './template-render.js';

/** `unleak secrets set|get|list|rm|export` (import lives in secrets-import-handler.ts). */

/** Adds or changes a secret; the value comes from stdin, a hidden prompt, or --value. */
export async function secretsSetHandler(
  name: string,
  options: StoreCliOptions & { value?: string; provider?: string; fingerprint?: string; leaked?: boolean },
  io: CliIo,
): Promise<number> {
  assertSecretName(name);
  const access = await storeAccess(io, options);
  await openStore(access);
  const value = await readSecretValue(io, name, options.value);
  const existed = await updateStore(access, (store) => {
    const had = store.has(name);
    store.set(name, value, { provider: options.provider, fingerprint: options.fingerprint, leaked: options.leaked ? true : undefined });
    return had;
  });
  note(io, `${existed ? 'Updated' : 'Added'} ${name}.`);
  return EXIT_CLEAN;
}

/** Prints one value to stdout (with a newline only when stdout is a terminal). */
export async function secretsGetHandler(name: string, options: StoreCliOptions, io: CliIo): Promise<number> {
  const store = await openStore(await storeAccess(io, options));
  const value = store.get(name);
  io.stdout(io.stdoutIsTty ? `${value}\n` : value);
  return EXIT_CLEAN;
}

/** Lists names and metadata, never values. */
export async function secretsListHandler(options: StoreCliOptions & { json?: boolean }, io: CliIo): Promise<number> {
  const store = await openStore(await storeAccess(io, options));
  const entries = store.list().map((entry) => ({ ...entry, hasPending: store.getPending(entry.name) !== undefined }));
  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        entries.map((entry) => ({
          name: entry.name,
          ...entry.meta,
          rotating: entry.hasPrevious || entry.hasPending,
          interrupted: interrupted(entry),
        })),
        null,
        2,
      )}\n`,
    );
    return EXIT_CLEAN;
  }
  if (entries.length === 0) note(io, 'The store holds no secrets yet. Add one with `unleak secrets set NAME`.');
  for (const entry of entries) io.stdout(`${describe(entry)}\n`);
  return EXIT_CLEAN;
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
export async function secretsRemoveHandler(name: string, options: StoreCliOptions, io: CliIo): Promise<number> {
  await updateStore(await storeAccess(io, options), (store) => store.remove(name));
  note(io, `Removed ${name}. It stays readable in older versions of the file in git history; rotate it if it must be dead.`);
  return EXIT_CLEAN;
}

/** Prints every secret in plaintext, as dotenv or JSON, to stdout. */
export async function secretsExportHandler(options: StoreCliOptions & { format: string }, io: CliIo): Promise<number> {
  if (options.format !== 'dotenv' && options.format !== 'json') {
    throw new UnleakError('UNLEAK_USAGE', `unknown export format ${JSON.stringify(options.format)}`, {
      hint: 'Use --format dotenv or --format json.',
    });
  }
  const values = composedValues(await openStore(await storeAccess(io, options)));
  io.stdout(options.format === 'json' ? `${JSON.stringify(Object.fromEntries(values), null, 2)}\n` : formatDotenv(values));
  return EXIT_CLEAN;
}
