/**
 * The environment unleak gives a child process (`unleak run`'s command, a rotation script,
 * rabbitmqctl): never a variable that holds or points at an age/SOPS identity (the key that
 * decrypts the whole store), nor unleak's own keys and admin credentials. One list for every
 * child; each caller adds its own policy of what else to keep.
 */

/** Variables that carry an identity: its text, its file, or a command that prints it. */
export const IDENTITY_VARIABLES: readonly string[] = [
  'SOPS_AGE_KEY',
  'SOPS_AGE_KEY_FILE',
  'SOPS_AGE_KEY_CMD',
  'SOPS_AGE_SSH_PRIVATE_KEY_FILE',
  'SOPS_AGE_RECIPIENTS',
  'AGE_IDENTITY',
  'AGE_KEY_FILE',
];

/** `UNLEAK_*` variables that name or hold keys (UNLEAK_AGE_KEY_FILE, UNLEAK_AGE_KEY, UNLEAK_WEBHOOK_SECRET…). */
const UNLEAK_KEY_VARIABLE = /^UNLEAK_(?:.*_)?(?:KEY|KEYS|KEY_FILE|KEY_CMD|IDENTITY|IDENTITY_FILE|SECRET|TOKEN|PASSWORD)$/;

/** Rotation's admin credentials: UNLEAK_POSTGRES_ADMIN_URL, UNLEAK_AWS_ADMIN_ACCESS_KEY_ID… */
const UNLEAK_ADMIN_VARIABLE = /^UNLEAK_[A-Z0-9]+_ADMIN_[A-Z0-9_]+$/;

/** True when no child process may inherit `name` (compared case-insensitively, as Windows does). */
export function isSensitiveEnvName(name: string): boolean {
  const upper = name.toUpperCase();
  return IDENTITY_VARIABLES.includes(upper) || UNLEAK_KEY_VARIABLE.test(upper) || UNLEAK_ADMIN_VARIABLE.test(upper);
}

/** What a caller keeps of the parent environment, and what it sets on top. */
export interface ChildEnvOptions {
  /** Which of the parent's (non-sensitive) variables to keep; default all. */
  keep?: (name: string) => boolean;
  /** Variables set after filtering, in order (later wins): they are passed on purpose, whatever their name. */
  add?: Array<Iterable<[string, string]>>;
}

/** A child's environment: `parent` without sensitive variables, filtered by `keep`, then the `add` layers. */
export function childEnvironment(parent: NodeJS.ProcessEnv, options: ChildEnvOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && !isSensitiveEnvName(name) && (options.keep?.(name) ?? true)) env[name] = value;
  }
  for (const layer of options.add ?? []) for (const [name, value] of layer) env[name] = value;
  return env;
}
