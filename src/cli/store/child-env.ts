/**
 * The environment `unleak run` gives its child: the caller's environment minus every variable
 * that holds or points at an age/SOPS identity (the key that decrypts the whole store), plus the
 * store's secrets. The child needs the secrets, never the key to all of them.
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

/** `UNLEAK_*` variables that name or hold keys (UNLEAK_AGE_KEY_FILE, UNLEAK_AGE_KEY, UNLEAK_*_KEY…). */
const UNLEAK_KEY_VARIABLE = /^UNLEAK_(?:.*_)?(?:KEY|KEYS|KEY_FILE|KEY_CMD|IDENTITY|IDENTITY_FILE|SECRET|TOKEN|PASSWORD)$/i;

/** True when the child must not inherit `name`. */
export function isIdentityVariable(name: string): boolean {
  const upper = name.toUpperCase();
  return IDENTITY_VARIABLES.includes(upper) || UNLEAK_KEY_VARIABLE.test(upper);
}

/**
 * The child's environment: `parent` without identity variables, then `secrets` (a secret the
 * user stored under such a name is passed, since they put it there on purpose), then `extra`.
 */
export function childEnvironment(parent: NodeJS.ProcessEnv, secrets: Iterable<[string, string]>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) if (!isIdentityVariable(name)) env[name] = value;
  for (const [name, value] of secrets) env[name] = value;
  return { ...env, ...extra };
}
