import { execFile } from 'node:child_process';
import { UnleakError } from '../errors.js';
import { takeEarly } from './early-answers.js';

/** Runs git with the caller's environment (GIT_INDEX_FILE and friends kept) and returns stdout. */
export function git(args: string[], cwd: string, options: { env?: NodeJS.ProcessEnv; maxBuffer?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, env: options.env ?? process.env, maxBuffer: options.maxBuffer ?? 512 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const detail = (stderr || error.message).trim().split('\n').slice(0, 3).join(' ');
          reject(new UnleakError('UNLEAK_GIT_FAILED', `git ${args[0]} failed: ${detail}`, { cause: error }));
        } else resolve(stdout);
      },
    );
  });
}

/** The top folder of the git work tree holding `dir`, or undefined outside one (or without git). */
export function gitTopLevel(dir: string, env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  return takeEarly<string | undefined>('top-level', { cwd: dir, env }) ?? readTopLevel(dir, env);
}

/** gitTopLevel, always from git. */
export async function readTopLevel(dir: string, env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const out = await git(['rev-parse', '--show-toplevel'], dir, { env });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}
