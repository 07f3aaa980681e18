/**
 * Connection strings with a password in them (`postgres://app:pw@db:5432/app`). The password is
 * replaced in place, so everything else in the string (query options, odd encodings) stays byte
 * for byte as the user wrote it.
 */

/** A connection string taken apart around its password. */
export interface CredentialUrl {
  scheme: string;
  /** Decoded user name ('' when the URL has none, e.g. `redis://:pw@host`). */
  user: string;
  /** Decoded password, undefined when the URL has none. */
  password: string | undefined;
  host: string;
  port: number | undefined;
  /** Decoded path without the leading slash (database, vhost, db number). */
  path: string;
  /** The query string without `?`, as written. */
  query: string;
  /** Text before the password (…`user:`), and after it (`@host…`). */
  before: string;
  after: string;
}

const URL_SHAPE = /^([a-z][a-z0-9+.-]*):\/\/(.*?)@([^@/?#]*)([/?#].*)?$/i;

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** Parses `scheme://user[:password]@host[:port][/path][?query]`; undefined for anything else. */
export function parseCredentialUrl(value: string): CredentialUrl | undefined {
  const match = URL_SHAPE.exec(value.trim());
  if (!match) return undefined;
  const [, scheme = '', userinfo = '', hostPort = '', rest = ''] = match;
  const colon = userinfo.indexOf(':');
  const rawUser = colon === -1 ? userinfo : userinfo.slice(0, colon);
  const rawPassword = colon === -1 ? undefined : userinfo.slice(colon + 1);
  const hostMatch = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/.exec(hostPort);
  if (!hostMatch) return undefined;
  const [pathPart = '', ...queryParts] = rest.replace(/#.*$/, '').split('?');
  const offset = value.indexOf(value.trim());
  const start = offset + scheme.length + 3 + (colon === -1 ? userinfo.length : colon + 1);
  const end = offset + scheme.length + 3 + userinfo.length;
  return {
    scheme: scheme.toLowerCase(),
    user: decode(rawUser),
    password: rawPassword === undefined ? undefined : decode(rawPassword),
    host: (hostMatch[1] ?? '').replace(/^\[|\]$/g, ''),
    port: hostMatch[2] === undefined ? undefined : Number(hostMatch[2]),
    path: decode(pathPart.replace(/^\//, '')),
    query: queryParts.join('?'),
    before: colon === -1 ? `${value.slice(0, end)}:` : value.slice(0, start),
    after: value.slice(end),
  };
}

/** The same connection string with another password (percent-encoded where needed). */
export function withPassword(url: CredentialUrl, password: string): string {
  return `${url.before}${encodeURIComponent(password)}${url.after}`;
}

/** True when the value looks like a URL of one of the schemes. */
export function hasScheme(value: string | undefined, schemes: string[]): boolean {
  if (value === undefined) return false;
  const match = /^\s*([a-z][a-z0-9+.-]*):\/\//i.exec(value);
  return match !== null && schemes.includes((match[1] ?? '').toLowerCase());
}
