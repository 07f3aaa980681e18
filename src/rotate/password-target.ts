import { parseCredentialUrl, withPassword, type CredentialUrl } from './credential-url.js';
import { providerMisconfigured, valueUnusable } from './rotation-errors.js';

/**
 * The account behind a stored password, for the providers whose credential is a user and a
 * password (databases, brokers). The stored value is either a connection URL with the password in
 * it (`postgres://app:pw@db:5432/app`), or the bare password, with option `url` saying where and
 * as whom it logs in (`postgres://app@db:5432/app`). Option `url` also overrides where a URL value
 * is tested (e.g. when the stored host name only resolves inside a container network).
 */
export interface PasswordTarget {
  /** The account name (decoded). */
  user: string;
  /** The password in the store now. */
  password: string;
  /** Host and port, for messages. */
  where: string;
  /** The parsed login URL (without caring about its password). */
  login: CredentialUrl;
  /** The value to store once the password is `password`. */
  valueWith(password: string): string;
  /** A URL that logs in as the account with `password`. */
  loginUrl(password: string): string;
}

/** Options every password provider accepts. */
export interface PasswordTargetOptions {
  url?: string;
}

/** Works out the account from the stored value (and option `url`); throws a clear error when it cannot. */
export function passwordTarget(
  provider: string,
  name: string,
  value: string,
  options: PasswordTargetOptions,
  schemes: string[],
): PasswordTarget {
  const expected = `a ${schemes[0]}:// URL with a password, or a bare password with option url`;
  const parsed = parseCredentialUrl(value);
  const asUrl = parsed && schemes.includes(parsed.scheme) ? parsed : undefined;
  let login: CredentialUrl | undefined = asUrl;
  if (options.url !== undefined) {
    login = parseCredentialUrl(options.url.includes('@') ? options.url : options.url.replace('://', '://@'));
    if (!login || !schemes.includes(login.scheme)) throw providerMisconfigured(provider, `option url is not a ${schemes.join('/')}:// URL`);
    if (asUrl) login = { ...login, user: asUrl.user };
  }
  if (asUrl && asUrl.password === undefined) throw valueUnusable(provider, name, expected);
  if (!login) throw valueUnusable(provider, name, expected);
  const user = asUrl?.user ?? login.user;
  if (user === '' && provider !== 'redis') throw valueUnusable(provider, name, `${expected} (and a user name)`);
  const password = asUrl ? (asUrl.password as string) : value;
  const target = login;
  const loginUrl = (pw: string): string => {
    const userPart = encodeURIComponent(user);
    const base = parseCredentialUrl(`${target.scheme}://${userPart}:x@${target.after.slice(1)}`) as CredentialUrl;
    return withPassword(base, pw);
  };
  return {
    user,
    password,
    where: `${login.host}${login.port === undefined ? '' : `:${login.port}`}`,
    login,
    valueWith: (pw) => (asUrl ? withPassword(asUrl, pw) : pw),
    loginUrl,
  };
}
