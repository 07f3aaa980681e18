import { readFileSync, existsSync, readdirSync, type Dirent } from 'node:fs';
import { join, dirname, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { listedPath, type ListedPath } from './display-path.js';
import { gitBytes } from './git-process.js';
import { takeEarly } from './early-answers.js';

/**
 * Files a git work tree would commit: tracked plus untracked-not-ignored (`git ls-files -co
 * --exclude-standard -z`), read as bytes, so a name that is not valid UTF-8 keeps the bytes that
 * open it (and is reported escaped).
 */
export function listGitPaths(root: string, pathspecs: string[], env?: NodeJS.ProcessEnv): Promise<ListedPath[]> {
  return takeEarly<ListedPath[]>('git-paths', { cwd: root, env }, pathspecs.join('\0')) ?? readGitPaths(root, pathspecs, env);
}

/** listGitPaths, always from git; `signal` stops it. */
export async function readGitPaths(
  root: string,
  pathspecs: string[],
  env?: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<ListedPath[]> {
  const out = await gitBytes(['-c', 'core.quotePath=off', 'ls-files', '-co', '--exclude-standard', '-z', '--', ...pathspecs], {
    cwd: root,
    env,
    signal,
  });
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
 * matched again, as bytes, among its folder's entries (two names may decode alike). fast-glob
 * cannot enter a folder whose name is not valid UTF-8: such a folder is walked here by its
 * bytes when the patterns take everything under it (`**` then `/*`: the whole tree, a folder given).
 */
export async function listPlainPaths(root: string, patterns: string[]): Promise<ListedPath[]> {
  const listed: ListedPath[] = [];
  const seen = new Set<string>();
  const tree = await plainTree(root, patterns);
  for (const file of tree.files) {
    if (!file.includes('\uFFFD')) listed.push({ path: file });
    else if (!seen.has(file)) {
      seen.add(file);
      const raw = rawNamesOf(root, file);
      listed.push(...(raw.length ? raw.map(listedPath) : [{ path: file }]));
    }
  }
  const walked = (dir: string) => (patterns.length ? patterns : ['**/*']).some((p) => p.endsWith('**/*') && dir.startsWith(p.slice(0, -4)));
  const under = tree.undecodableDirs
    .filter(walked)
    .flatMap((dir) => rawNamesOf(root, dir).flatMap((raw) => filesUnder(root, raw, tree.kept)));
  return under.length ? [...listed, ...under].sort(byPath) : listed;
}

const byPath = (a: ListedPath, b: ListedPath) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The files under a folder named by its bytes, each kept by `kept` (gitignore rules), symbolic links not followed. */
function filesUnder(root: string, dir: Buffer, kept: (path: string) => boolean): ListedPath[] {
  const found: ListedPath[] = [];
  let entries: Dirent<Buffer>[];
  try {
    entries = readdirSync(Buffer.concat([Buffer.from(`${root}${sep}`), dir]), { encoding: 'buffer', withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const path = Buffer.concat([dir, Buffer.from('/'), entry.name]);
    const text = path.toString('utf8');
    if (entry.isDirectory() && entry.name.toString('utf8') !== '.git' && kept(`${text}/`)) found.push(...filesUnder(root, path, kept));
    else if (entry.isFile() && kept(text)) found.push(listedPath(path));
  }
  return found;
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

/**
 * Files under `root` outside git: fast-glob, honouring every `.gitignore` on the way down.
 * fast-glob is loaded here, on first use (~0.1 s of start-up that history and staged scans,
 * which only need `readUnleakIgnore`, would pay for nothing).
 */
export async function listPlainFiles(root: string, patterns: string[]): Promise<string[]> {
  return (await plainTree(root, patterns)).files;
}

/** The walk of listPlainFiles: its files, the folders it could not enter (names not valid UTF-8), and its gitignore test. */
async function plainTree(
  root: string,
  patterns: string[],
): Promise<{ files: string[]; undecodableDirs: string[]; kept: (path: string) => boolean }> {
  const { default: fg } = await import('fast-glob');
  const entries = await fg(patterns.length ? patterns : ['**/*'], {
    cwd: root,
    dot: true,
    onlyFiles: false,
    objectMode: true,
    followSymbolicLinks: false,
    ignore: ['**/.git/**'],
    suppressErrors: true,
  });
  const ignoreFiles = await fg('**/.gitignore', {
    cwd: root,
    dot: true,
    ignore: ['**/.git/**', '**/node_modules/**'],
    suppressErrors: true,
  });
  const rules: { dir: string; ig: Ignore }[] = ignoreFiles.map((file) => ({
    dir: dirname(file) === '.' ? '' : dirname(file),
    ig: ignore().add(readFileSync(join(root, file), 'utf8')),
  }));
  const kept = (file: string) =>
    !rules.some(({ dir, ig }) => {
      if (dir && !file.startsWith(`${dir}/`)) return false;
      const rel = dir ? file.slice(dir.length + 1) : file;
      return rel !== '' && ig.ignores(rel);
    });
  const files = entries.filter((entry) => entry.dirent.isFile()).map((entry) => entry.path);
  const undecodableDirs = entries
    .filter((entry) => entry.dirent.isDirectory() && entry.name.includes('\uFFFD') && kept(`${entry.path}/`))
    .map((entry) => entry.path);
  return { files: files.filter(kept).sort(), undecodableDirs, kept };
}

/** Reads `.unleakignore` (gitignore syntax) from the root; undefined when there is none. */
export function readUnleakIgnore(root: string): Ignore | undefined {
  const path = join(root, '.unleakignore');
  return existsSync(path) ? ignore().add(readFileSync(path, 'utf8')) : undefined;
}
