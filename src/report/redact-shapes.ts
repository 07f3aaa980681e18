/*
 * Redacted forms for secrets with a recognisable shape: what a reader needs to tell which
 * credential it is (the kind of key, the service and account), never the part an attacker
 * would have to guess.
 */

const PEM_HEADER = /^-----BEGIN [A-Z0-9 ]{1,60}-----/;
const URL_SHAPE = /^([a-z][a-z0-9+.-]{1,30}):\/\/([^/?#\s]*)([^?#\s]*)(\?[^#\s]*)?(#\S*)?$/i;

/** `-----BEGIN RSA PRIVATE KEY----- …` for a PEM block; undefined for anything else. */
export function redactPem(value: string): string | undefined {
  if (!value.startsWith('-----BEGIN ')) return undefined;
  const header = PEM_HEADER.exec(value);
  return header ? `${header[0]} …` : undefined;
}

/**
 * A URL with its secret parts masked; undefined when the value is not a URL. With credentials
 * (`postgres://app:pw@db/shop`), the password goes (`postgres://app:…@db/shop`), or the user
 * when it is the token (`https://…@github.com/org/repo`). Without, the secret is in the path or
 * query (webhooks): plain words stay, other segments keep their first character and the last
 * goes whole (`https://hooks.slack.com/services/T…/B…/…`); query values go.
 */
export function redactUrl(value: string): string | undefined {
  if (!value.includes('://')) return undefined;
  const parts = URL_SHAPE.exec(value);
  if (!parts) return undefined;
  const [, scheme, authority = '', path = '', query, fragment] = parts;
  const at = authority.lastIndexOf('@');
  const host = at === -1 ? authority : authority.slice(at + 1);
  if (!host) return undefined;
  const credentials = at === -1 ? undefined : authority.slice(0, at);
  const shownQuery = query
    ? `?${query
        .slice(1)
        .split('&')
        .map((pair) => `${pair.split('=')[0]}=…`)
        .join('&')}`
    : '';
  const shownFragment = fragment ? '#…' : '';
  if (credentials !== undefined) {
    const colon = credentials.indexOf(':');
    const user = colon === -1 ? '…' : `${credentials.slice(0, colon)}:…`;
    return `${scheme}://${user}@${host}${path}${shownQuery}${shownFragment}`;
  }
  return `${scheme}://${host}${maskPath(path)}${shownQuery}${shownFragment}`;
}

function maskPath(path: string): string {
  const segments = path.split('/');
  const lastIndex = segments.reduce((last, segment, index) => (segment ? index : last), -1);
  return segments
    .map((segment, index) =>
      !segment || (index !== lastIndex && isWord(segment)) ? segment : index === lastIndex ? '…' : `${segment[0]}…`,
    )
    .join('/');
}

/** A segment that is a word a person wrote (lower-case letters, or a version like v1), not an id or a token. */
function isWord(segment: string): boolean {
  return /^(?:[a-z]{2,16}|v\d{1,2})$/.test(segment);
}
