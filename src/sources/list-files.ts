import { readFileSync, existsSync } from 'node:fs';
import { join, dirname, posix } from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { git } from './git-exec.js';

/** Files a git work tree would commit: tracked plus untracked-not-ignored (`git ls-files -co --exclude-standard`). */
export async function listGitFiles(root: string, pathspecs: string[], env?: NodeJS.ProcessEnv): Promise<string[]> {
  const out = await git(['-c', 'core.quotePath=off', 'ls-files', '-co', '--exclude-standard', '-z', '--', ...pathspecs], root, { env });
  return [...new Set(out.split('\0').filter(Boolean))].sort();
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
