import { run } from '../../../src/cli/program.js';
import { ageKeygen, fakeIo, gitInit, tempDir, type KeyFile } from '../../store/helpers.js';

/** A git repo with a real age-keygen identity, and a way to run the CLI in it with a fake io. */
export interface CliRepo {
  root: string;
  key: KeyFile;
  env: NodeJS.ProcessEnv;
  cli: (
    argv: string[],
    options?: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string },
  ) => Promise<{ code: number; out: string; err: string }>;
}

/** Creates the repo (git user.email tester@example.com) and the identity (found via UNLEAK_AGE_KEY_FILE). */
export function cliRepo(): CliRepo {
  const root = tempDir('unleak-cli-');
  gitInit(root);
  const key = ageKeygen(tempDir('unleak-home-'), 'keys.txt');
  const env: NodeJS.ProcessEnv = { UNLEAK_AGE_KEY_FILE: key.path, XDG_CONFIG_HOME: tempDir('unleak-config-') };
  return {
    root,
    key,
    env,
    cli: async (argv, options = {}) => {
      const io = fakeIo({ cwd: options.cwd ?? root, env: { ...env, ...options.env }, stdin: options.stdin });
      const code = await run(argv, io);
      return { code, out: io.out(), err: io.err() };
    },
  };
}
