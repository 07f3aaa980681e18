import { shannonEntropy } from '../entropy.js';
import { isMasked } from '../placeholder.js';

/**
 * Passwords in connection strings, URLs (RFC 3986 userinfo), `.netrc` and `curl -u`: drops the
 * documented defaults and placeholders that tutorials and docker-compose files are full of.
 * https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1
 */
const DEFAULT_PASSWORDS = new Set([
  'pass',
  'password',
  'passwd',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'pwd',
  'secret',
  'root',
  'toor',
  'admin',
  'administrator',
  'postgres',
  'postgresql',
  'mysql',
  'mariadb',
  'mongo',
  'mongodb',
  'redis',
  'rabbitmq',
  'guest',
  'sa',
  'oracle',
  'tiger',
  'user',
  'username',
  'test',
  'testing',
  'demo',
  'dev',
  'development',
  'local',
  'localhost',
  'default',
  'master',
  'qwerty',
  'letmein',
  'welcome',
  'changeit',
  'foobar',
  'foo',
  'bar',
  'abc',
  'abcd',
  'hello',
  'login',
  'app',
  'db',
  'database',
  'docker',
  'sample',
  'public',
  'anonymous',
  'none',
  'null',
  'empty',
  'token',
  'apikey',
  'key',
  'open sesame',
]);

const PLACEHOLDER_PART = /password|passwd|secret|changeme|change_me|example|dummy|sample|placeholder|your[-_]|redacted|anoncvs|anonymous/i;
/** A run of x in one case (`xxx`, `XXX`) masks a password; a mixed-case `XxX` inside a random one does not. */
const MASK_RUN = /xxx|XXX/;
/** User names of documentation and anonymous access: their passwords are placeholders or public. */
const PLACEHOLDER_USERS = new Set(['user', 'username', 'myuser', 'your_user', 'foo', 'me', 'name', 'login', 'anonymous', 'ftp', 'anoncvs']);
const WRAPPED = /^(?:[{[<(][A-Za-z_][\w .-]*[}\]>)]|__\w+__|%\w+%|:[A-Za-z_]\w*|\$[A-Za-z_]\w*|\$\{.*|\$\(.*|<.*)$/s;
const PLACEHOLDER_HOST =
  /(?:^|\.)(?:example\.(?:com|org|net)|example|domain\.(?:com|tld)|your[-_.][\w.-]*|hostname|host|server|myhost|foo\.bar|acme\.com)$/i;
const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|[a-z][a-z0-9_-]{0,30})$/i;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The user and host named in a connection string, URL, netrc entry or ADO.NET string, when present. */
export function credentialContext(match: string): { user?: string; host?: string } {
  const url = /\/\/([^:@/\s]*):[^@\s]*@\[?([^/?#:,;\s\]]*)/.exec(match);
  if (url) return { user: url[1], host: url[2] };
  const curl = /(?:^|\s)(?:-u|--user)[ =]?['"]?([^:\s'"]*):/.exec(match);
  if (curl) return { user: curl[1] };
  const oracle = /thin:@?([^/\s@]*)\/[^@\s]*@(?:\/\/)?([^:/\s]*)/i.exec(match);
  if (oracle) return { user: oracle[1], host: oracle[2] };
  const user = /(?:user\s?id|uid|user(?:name)?|login)\s*[=\s]\s*([^;&\s]*)/i.exec(match)?.[1];
  const host = /(?:server|data\s?source|host|address|addr|machine)\s*[=\s]\s*(?:tcp:)?([^;,\\:\s]*)/i.exec(match)?.[1];
  return { ...(user !== undefined ? { user } : {}), ...(host !== undefined ? { host } : {}) };
}

/** True when a password is a default, a placeholder, the user name again, or a weak dev value on a local host. */
export function isDefaultOrPlaceholderPassword(rawPassword: string, user?: string, host?: string): boolean {
  const password = safeDecode(rawPassword);
  if (password.length < 3) return true;
  // Stars mask a password (`****`, `ab***`, all of it), but two in a random one are chance (`vH5*EMfCwG-Sq^!=zG**`).
  if (WRAPPED.test(password) || PLACEHOLDER_PART.test(password) || MASK_RUN.test(password) || isMasked(password)) return true;
  const lower = password.toLowerCase();
  if (DEFAULT_PASSWORDS.has(lower) || DEFAULT_PASSWORDS.has(lower.replace(/[\d!._-]{1,6}$/, ''))) return true;
  const userName = user === undefined ? undefined : safeDecode(user).toLowerCase();
  if (userName !== undefined && (userName === lower || PLACEHOLDER_USERS.has(userName))) return true;
  if (host && PLACEHOLDER_HOST.test(host)) return true;
  if (host && LOCAL_HOST.test(host)) {
    // Letters alone are a weak dev value (`devpass`, `MyLocalDb`) unless long, mixed-case and random (`ZMfvkKbcbDNXwBLn`).
    const randomLetters = password.length >= 12 && /[a-z]/.test(password) && /[A-Z]/.test(password) && shannonEntropy(password) >= 3.5;
    const weak = (/^[a-z]+$/i.test(password) && !randomLetters) || /^\d+$/.test(password) || shannonEntropy(password) < 2.5;
    if (weak) return true;
  }
  return false;
}

/** Validator for a password found next to its user and host in a connection string. */
export function credentialPassword({ secret, match }: { secret: string; match: string }): 'none' | 'invalid' {
  const { user, host } = credentialContext(match);
  return isDefaultOrPlaceholderPassword(secret, user, host) ? 'invalid' : 'none';
}
