import { lstat, readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { gitTopLevel, listGitFiles, listPlainFiles, looksBinary } from '../sources/index.js';
import { valueForms } from './occurrences.js';
import type { TreeFile } from './types.js';

/**
 * Reads the files of the working tree that a fix may edit: every file git would commit (or every
 * file outside git) that holds one of the values, plus the `.gitignore` at the root and every
 * `.env.example`. unleak's own folder and binary files are left out; so are files whose bytes are
 * not valid UTF-8, since rewriting them would change other bytes too.
 */

/** Files that hold a value, and notes on files that could not be considered. */
export interface TreeRead {
  files: TreeFile[];
  notes: string[];
}

const ALWAYS = (path: string) => path === '.gitignore' || posix.basename(path) === '.env.example';

/** Lists the working tree's files (git-aware unless `noGit`). */
export async function listTreeFiles(root: string, options: { noGit?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<string[]> {
  const inGit = !options.noGit && (await gitTopLevel(root, options.env)) !== undefined;
  const files = inGit ? await listGitFiles(root, [], options.env) : await listPlainFiles(root, []);
  return files.filter((path) => !path.startsWith('.unleak/') && !path.startsWith('.git/'));
}

/** Reads the files under `root` that hold any written form of any of `values`. */
export async function readTreeFiles(
  root: string,
  values: string[],
  options: { noGit?: boolean; env?: NodeJS.ProcessEnv; maxFileSize?: number } = {},
): Promise<TreeRead> {
  const needles = values.flatMap((value) => valueForms(value).map((form) => form.text)).filter((needle) => needle.length > 0);
  const paths = await listTreeFiles(root, options);
  if (!paths.includes('.gitignore')) paths.push('.gitignore');
  const result: TreeRead = { files: [], notes: [] };
  for (const path of paths) {
    const full = posix.join(root.split('\\').join('/'), path);
    let bytes: Buffer;
    try {
      const info = await lstat(full);
      if (!info.isFile() || info.size > (options.maxFileSize ?? 10 * 1024 * 1024)) continue;
      bytes = await readFile(full);
    } catch {
      continue;
    }
    if (looksBinary(bytes)) continue;
    const text = bytes.toString('utf8');
    const relevant = ALWAYS(path) || needles.some((needle) => text.includes(needle));
    if (!relevant) continue;
    if (!Buffer.from(text, 'utf8').equals(bytes)) {
      result.notes.push(`${path}: not valid UTF-8, left alone`);
      continue;
    }
    result.files.push({ path, text });
  }
  return result;
}
