import { appendFile, readFile, unlink } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { CliIo } from '../io.js';
import { assertSecretName, isGitIgnored, isGitTracked, updateStore } from '../../store/index.js';
import { EXIT_CLEAN, UnleakError } from '../../errors.js';
import { dotenvEntries } from './dotenv-file.js';
import { askYesNo } from './secret-input.js';
import { note, storeAccess, warn, type StoreCliOptions } from './store-context.js';

/** `unleak secrets import FILE.env`: moves a plaintext dotenv file into the store. */

/** Options of `secrets import`. */
export interface ImportOptions extends StoreCliOptions {
  overwrite?: boolean;
  delete?: boolean;
  gitignore?: boolean;
}

/** Imports every entry (skipping existing names unless --overwrite), then offers to delete and git-ignore the file. */
export async function secretsImportHandler(file: string, options: ImportOptions, io: CliIo): Promise<number> {
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UnleakError('UNLEAK_READ_FAILED', `cannot read ${file}`);
  }
  const parsed = dotenvEntries(text);
  const invalid = parsed.entries.map(([name]) => name).filter((name) => !validName(name));
  const problems = [...parsed.problems, ...invalid.map((name) => `${name}: not a valid secret name`)];
  if (problems.length > 0)
    throw new UnleakError('UNLEAK_IMPORT_INVALID', `${file} cannot be imported:\n  ${problems.join('\n  ')}`, {
      hint: 'Nothing was imported. Fix the file (names: letters, digits, _) and try again.',
    });
  const access = await storeAccess(io, options);
  const source = `import:${relative(access.root, path)}`;
  const { imported, skipped } = await updateStore(access, (store) => {
    const result = { imported: [] as string[], skipped: [] as string[] };
    for (const [name, value] of new Map(parsed.entries)) {
      if (store.has(name) && !options.overwrite) {
        result.skipped.push(name);
        continue;
      }
      store.set(name, value, { action: 'import', source });
      result.imported.push(name);
    }
    return result;
  });
  note(
    io,
    `Imported ${imported.length} secret${imported.length === 1 ? '' : 's'} from ${file}${imported.length ? `: ${imported.join(', ')}` : ''}.`,
  );
  if (skipped.length) warn(io, `skipped ${skipped.join(', ')}: already in the store (use --overwrite to replace).`);
  await offerCleanup(io, path, file, access.root, options);
  return EXIT_CLEAN;
}

function validName(name: string): boolean {
  try {
    assertSecretName(name);
    return true;
  } catch {
    return false;
  }
}

async function offerCleanup(io: CliIo, path: string, file: string, root: string, options: ImportOptions): Promise<void> {
  const { env } = io;
  const inRepo = !relative(root, path).startsWith('..') && !isAbsolute(relative(root, path));
  if (inRepo && (await isGitTracked(path, root, env))) {
    warn(io, `${file} is committed to git: its values stay in history. Rotate them, then purge the file from history (unleak purge).`);
  }
  const remove = options.delete ?? (await askYesNo(io, `Delete ${file} now that its values are in the store?`));
  if (remove) {
    await unlink(path);
    note(io, `Deleted ${file}.`);
  } else if (remove === undefined) {
    note(io, `Keeping ${file}. Delete it once you have checked the import (or pass --delete).`);
  }
  if (!inRepo || (await isGitIgnored(path, root, env)) !== false) return;
  const ignore = options.gitignore ?? (await askYesNo(io, `Add ${file} to .gitignore?`));
  if (ignore) {
    const gitignore = join(root, '.gitignore');
    const existing = await readFile(gitignore, 'utf8').catch(() => '');
    await appendFile(gitignore, `${existing && !existing.endsWith('\n') ? '\n' : ''}/${relative(root, path).split('\\').join('/')}\n`);
    note(io, `Added ${file} to .gitignore.`);
  } else if (ignore === undefined) {
    note(io, `${file} is not ignored by git; add it to .gitignore (or pass --gitignore).`);
  }
}
