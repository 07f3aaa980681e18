/**
 * Store entry names: environment-variable style (letters, digits, `_`, not starting with a digit,
 * as the store accepts them), unique within the store.
 */

const VALID = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

/** True when the store accepts the name. */
export function isValidName(name: string): boolean {
  return VALID.test(name) && !name.toLowerCase().endsWith('_unencrypted') && name !== 'sops';
}

/** UPPER_SNAKE form of any text (`deploy-key.pem` → `DEPLOY_KEY_PEM`); `SECRET` when nothing is left. */
export function toEnvName(text: string): string {
  const snake = text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (!snake) return 'SECRET';
  return /^[0-9]/.test(snake) ? `_${snake}` : snake;
}

/** `base`, or `base_2`, `base_3`… : the first that `taken` does not hold. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

const URL_NAME = /^(.*?)_(?:URL|URI|DSN|CONNECTION_STRING|CONNECT_STRING|STRING)$/;

/**
 * The base name of a value's entry: the rule's `envName`, except that a password found inside a
 * connection string (`DATABASE_URL` rule, value without `://`) is named `<BASE>_PASSWORD`
 * (`DB_PASSWORD`), since the entry holds the password, not the URL.
 */
export function baseNameFor(envName: string | undefined, secret: string): string {
  if (!envName) return 'SECRET';
  const url = URL_NAME.exec(envName);
  if (!url || secret.includes('://')) return envName;
  const base = url[1] === 'DATABASE' ? 'DB' : url[1] || 'CONNECTION';
  return `${base}_PASSWORD`;
}
