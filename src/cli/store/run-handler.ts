import type { CliIo } from '../io.js';
import { childEnvironment, openStore } from '../../store/index.js';
import { runChild } from './child-runner.js';
import { parseFileSpec, writeSecretFiles } from './run-files.js';
import { storeAccess, type StoreCliOptions } from './store-context.js';
import { composedValues } from './template-render.js';

/** `unleak run [--env NAME] [--file NAME[=VAR|=PATH]]… -- CMD ARGS…` */

const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Starts CMD with every secret of the store as an environment variable (overriding a variable of
 * the same name) and without the identity variables that unlocked the store (child-env.ts), waits
 * for it, removes any --file files, and passes its exit code through.
 */
export async function runHandler(command: string[], options: StoreCliOptions & { file?: string[] }, io: CliIo): Promise<number> {
  const [program, ...args] = command;
  const specs = (options.file ?? []).map(parseFileSpec);
  const store = await openStore(await storeAccess(io, options));
  const values = composedValues(store);
  const secrets = [...values].filter(([name]) => ENV_VAR.test(name));
  const files = await writeSecretFiles(specs, (name) => values.get(name) ?? store.get(name), io.cwd);
  let code: number;
  try {
    code = await runChild({
      command: program ?? '',
      args,
      env: childEnvironment(io.env, { add: [secrets, Object.entries(files.env)] }),
      cwd: io.cwd,
      interactive: io.stdinIsTty,
    });
  } finally {
    await files.cleanup();
  }
  return code;
}
