import { childEnvironment, isSensitiveEnvName } from '../store/index.js';
import { providerMisconfigured } from './rotation-errors.js';

/**
 * The environment of a child process a rotation starts (a command-provider script, rabbitmqctl):
 * only what a program needs to run (PATH, HOME, locale, temp dir), the variables the user lists,
 * and what unleak passes on purpose. Never a sensitive variable (store identities, unleak's keys
 * and admin credentials; the one list in src/store/child-env.ts): a child gets a secret only on stdin.
 */

/** What any program needs to run. */
const BASE = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'TEMP',
  'TMP',
  'TERM',
  'SYSTEMROOT',
  'COMSPEC',
  'PATHEXT',
];

/**
 * The child's environment: BASE and LC_* from `env`, variables named in `pass` or starting with a
 * `pass` prefix ending in `_`, then `extra` (set by unleak, e.g. UNLEAK_SECRET_NAME).
 */
export function rotationChildEnv(env: NodeJS.ProcessEnv, pass: string[], extra: Record<string, string>): NodeJS.ProcessEnv {
  const listed = (name: string) => pass.some((wanted) => (wanted.endsWith('_') ? name.startsWith(wanted) : name === wanted));
  return childEnvironment(env, {
    keep: (name) => BASE.includes(name) || name.startsWith('LC_') || listed(name),
    add: [Object.entries(extra)],
  });
}

/** Throws a config error when `passEnv` names a variable a child may never get. */
export function assertPassable(provider: string, names: string[]): void {
  const refused = names.filter(isSensitiveEnvName);
  if (refused.length)
    throw providerMisconfigured(
      provider,
      `passEnv lists ${refused.join(', ')}, which a script may never get (store identities, unleak's keys and admin credentials)`,
      'Give the script what it needs some other way (its own config file, or a credential of its own).',
    );
}
