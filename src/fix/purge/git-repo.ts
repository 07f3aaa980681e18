import { gitRecords, gitRun, withPorcelainGit, type GitSpawnOptions } from '../../sources/index.js';
import { UnleakError } from '../../errors.js';

/**
 * The git facts a purge needs: where the git dir is, whether the tree is clean, commits, refs,
 * remotes. Porcelain questions go through simple-git; the commit log streams through `gitRecords`.
 */

/** A commit as the purge preview compares it. */
export interface CommitFacts {
  tree: string;
  subject: string;
  message: string;
}

/** Runs git to completion and returns its stdout; UNLEAK_GIT_FAILED on a non-zero exit. */
export async function gitOut(args: string[], options: GitSpawnOptions): Promise<string> {
  const result = await gitRun(args, options);
  if (result.code !== 0)
    throw new UnleakError('UNLEAK_GIT_FAILED', `git ${args[0]} failed: ${result.stderr.trim().split('\n').slice(0, 2).join(' ')}`);
  return result.stdout;
}

/** The absolute git directory of the repository at `cwd`. */
export async function gitDirOf(cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  return withPorcelainGit(cwd, env, 'rev-parse', (git) => git.revparse(['--absolute-git-dir']));
}

/** Tracked files with changes (staged or not); untracked files do not count. */
export async function dirtyFiles(cwd: string, env?: NodeJS.ProcessEnv): Promise<string[]> {
  const status = await withPorcelainGit(cwd, env, 'status', (git) => git.status(['--untracked-files=no']));
  return status.files.map((file) => file.path);
}

/** Every ref and the object it points to. */
export async function listRefs(cwd: string, env?: NodeJS.ProcessEnv): Promise<Map<string, string>> {
  const out = await gitOut(['for-each-ref', '--format=%(refname) %(objectname)'], { cwd, env });
  return new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ') as [string, string]),
  );
}

/** Every commit reachable from any ref (and from `extra` commits): id → tree, subject and full message. */
export async function listCommits(cwd: string, env?: NodeJS.ProcessEnv, extra: string[] = []): Promise<Map<string, CommitFacts>> {
  const commits = new Map<string, CommitFacts>();
  for await (const record of gitRecords(['log', '--all', ...extra, '-z', '--format=%H%x1f%T%x1f%s%x1f%B', '--'], { cwd, env }, 0)) {
    const [id, tree, subject, message] = record.split('\x1f');
    if (id && tree) commits.set(id.trim(), { tree, subject: subject ?? '', message: message ?? '' });
  }
  return commits;
}

/** `name url` of each fetch remote. */
export async function listRemotes(cwd: string, env?: NodeJS.ProcessEnv): Promise<Array<{ name: string; url: string }>> {
  const remotes = await withPorcelainGit(cwd, env, 'remote', (git) => git.getRemotes(true));
  return remotes.filter((remote) => remote.refs.fetch !== '').map((remote) => ({ name: remote.name, url: remote.refs.fetch }));
}

/** True for a bare repository (no work tree to reset). */
export async function isBareRepository(cwd: string, env?: NodeJS.ProcessEnv): Promise<boolean> {
  return (await withPorcelainGit(cwd, env, 'rev-parse', (git) => git.revparse(['--is-bare-repository']))) === 'true';
}

/** Writes every ref and its history to a bundle file (`git bundle create FILE --all`). */
export async function createBundle(cwd: string, file: string, env?: NodeJS.ProcessEnv): Promise<void> {
  await gitOut(['bundle', 'create', file, '--all'], { cwd, env });
}
