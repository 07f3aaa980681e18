import { providerMisconfigured } from './rotation-errors.js';

/**
 * The environment of a child process a rotation starts (a command-provider script, rabbitmqctl):
 * only what a program needs to run (PATH, HOME, locale, temp dir), the variables the user lists,
 * and what unleak passes on purpose. Never the store identities (SOPS_AGE_KEY…), admin URLs or
 * webhook signing keys: a child gets a secret only on stdin.
 */

/** What any program needs to run. */
const BASE = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TZ', 'TMPDIR', 'TEMP', 'TMP', 'TERM', 'SYSTEMROOT', 'COMSPEC', 'PATHEXT'];

/** Names a child never gets, even when listed: store identities, unleak's admin URLs and webhook signing key. */
const NEVER = /^(SOPS_AGE_KEY|SOPS_AGE_KEY_FILE|SOPS_AGE_KEY_CMD|UNLEAK_AGE_KEY_FILE|UNLEAK_WEBHOOK_SECRET)$|^UNLEAK_\w+_ADMIN_URL$/;

/** True when a variable may never reach a child process. */
export function isSensitiveEnvName(name: string): boolean {
  return NEVER.test(name);
}

/**
 * The child's environment: BASE and LC_* from `env`, variables named in `pass` or starting with a
 * `pass` prefix ending in `_`, then `extra` (set by unleak, e.g. UNLEAK_SECRET_NAME).
 */
export function childEnv(env: NodeJS.ProcessEnv, pass: string[], extra: Record<string, string>): NodeJS.ProcessEnv {
  const child: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || isSensitiveEnvName(name)) continue;
    const listed = pass.some((wanted) => (wanted.endsWith('_') ? name.startsWith(wanted) : name === wanted));
    if (BASE.includes(name) || name.startsWith('LC_') || listed) child[name] = value;
  }
  return { ...child, ...extra };
}

/** Throws a config error when `passEnv` names a variable a child may never get. */
export function assertPassable(provider: string, names: string[]): void {
  const refused = names.filter(isSensitiveEnvName);
  if (refused.length) throw providerMisconfigured(provider, `passEnv lists ${refused.join(', ')}, which a script may never get (store identities, unleak's admin URLs, the webhook signing key)`, 'Give the script what it needs some other way (its own config file, or a credential of its own).');
}
