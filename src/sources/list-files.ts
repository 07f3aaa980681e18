import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join, dirname, posix } from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { listedPath, type ListedPath } from './display-path.js';
import { gitBytes } from './git-process.js';

/**
 * Files a git work tree would commit: tracked plus untracked-not-ignored (`git ls-files -co
 * --exclude-standard -z`), read as bytes, so a name that is not valid UTF-8 keeps the bytes that
 * open it (and is reported escaped).
 */
export async function listGitPaths(root: string, pathspecs: string[], env?: NodeJS.ProcessEnv): Promise<ListedPath[]> {
  const out = await gitBytes(['-c', 'core.quotePath=off', 'ls-files', '-co', '--exclude-standard', '-z', '--', ...pathspecs], { cwd: root, env });
  const byBytes = new Map<string, ListedPath>();
  let start = 0;
  for (let at = out.indexOf(0); at !== -1; start = at + 1, at = out.indexOf(0, start)) {
    if (at > start) byBytes.set(out.toString('latin1', start, at), listedPath(out.subarray(start, at)));
  }
  return [...byBytes.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The paths of listGitPaths as text (names that are not valid UTF-8 come escaped). */
export async function listGitFiles(root: string, pathspecs: string[], env?: NodeJS.ProcessEnv): Promise<string[]> {
  return (await listGitPaths(root, pathspecs, env)).map((file) => file.path);
}

/**
 * listPlainFiles with the bytes of names that fast-glob could only decode with U+FFFD: each is
 * matched again, as bytes, among its folder's entries (two names may decode alike).
 */
export async function listPlainPaths(root: string, patterns: string[]): Promise<ListedPath[]> {
  const listed: ListedPath[] = [];
  const seen = new Set<string>();
  for (const file of await listPlainFiles(root, patterns)) {
    if (!file.includes('\uFFFD')) listed.push({ path: file });
    else if (!seen.has(file)) {
      seen.add(file);
      const raw = rawNamesOf(root, file);
      listed.push(...(raw.length ? raw.map(listedPath) : [{ path: file }]));
    }
  }
  return listed;
}

function rawNamesOf(root: string, file: string): Buffer[] {
  const slash = file.lastIndexOf('/');
  const dir = file.slice(0, Math.max(slash, 0));
  const name = file.slice(slash + 1);
  if (dir.includes('\uFFFD')) return [];
  try {
    const prefix = Buffer.from(dir ? `${dir}/` : '');
    return readdirSync(join(root, dir), { encoding: 'buffer' })
      .filter((entry) => entry.toString('utf8') === name)
      .map((entry) => Buffer.concat([prefix, entry]));
  } catch {
    return [];
  }
}

/** Files under `root` outside git: fast-glob, honouring every `.gitignore` on the way down. */
export async function listPlainFiles(root: string, patterns: string[]): Promise<string[]> {
  const files = await fg(patterns.length ? patterns : ['**/*'], { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/.git/**'], suppressErrors: true });
  const ignoreFiles = await fg('**/.gitignore', { cwd: root, dot: true, ignore: ['**/.git/**', '**/node_modules/**'], suppressErrors: true });
  const rules: { dir: string; ig: Ignore }[] = ignoreFiles.map((file) => ({
    dir: dirname(file) === '.' ? '' : dirname(file),
    ig: ignore().add(readFileSync(join(root, file), 'utf8')),
  }));
  return files
    .filter((file) =>
      !rules.some(({ dir, ig }) => {
        if (dir && !file.startsWith(`${dir}/`)) return false;
        const rel = dir ? posix.relative(dir, file) : file;
        return rel !== '' && ig.ignores(rel);
      }),
    )
    .sort();
}

/** Reads `.unleakignore` (gitignore syntax) from the root; undefined when there is none. */
export function readUnleakIgnore(root: string): Ignore | undefined {
  const path = join(root, '.unleakignore');
  return existsSync(path) ? ignore().add(readFileSync(path, 'utf8')) : undefined;
}
