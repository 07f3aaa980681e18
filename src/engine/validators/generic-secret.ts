import { looksLikeLiteralSecret } from './literal-secret.js';
import { decodeBase64Text } from './base64-credentials.js';

/**
 * Hard-coded credentials in `name = value` assignments (CWE-798). The generic rules find an
 * assignment to a secret-sounding name in any common syntax; this validator decides, from the
 * name's words, the assignment syntax and the value (see literal-secret.ts), whether it holds
 * a literal secret. https://cwe.mitre.org/data/definitions/798.html
 */

/** Last words of a name that make it a secret. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'creds',
  'auth',
  'oauth',
  'accesskey',
  'secretkey',
  'privatekey',
  'authkey',
  'signingkey',
  'encryptionkey',
  'masterkey',
  'clientsecret',
  'accesstoken',
  'authtoken',
]);
/** Concatenated lower-case names (`dbpassword`, `accesstoken`) ending in a secret word. */
const SECRET_SUFFIX = /(?:password|passwd|pwd|secret|token|apikey|accesskey|secretkey|privatekey|authkey)$/;
/** Words before `key` that make `…_key` a secret. */
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'priv',
  'auth',
  'encryption',
  'encrypt',
  'enc',
  'signing',
  'sign',
  'master',
  'client',
  'app',
  'account',
  'storage',
  'subscription',
  'session',
  'hmac',
  'service',
  'deploy',
  'shared',
  'cipher',
  'crypt',
  'jwt',
  'aes',
]);
/** Trailing words that do not change what a name holds (`DB_PASSWORD_PROD`, `apiKeyV2`). */
const NEUTRAL_SUFFIXES = new Set([
  'prod',
  'production',
  'dev',
  'development',
  'staging',
  'stage',
  'test',
  'live',
  'local',
  'b64',
  'base64',
  'value',
]);
/** Words that make a secret-sounding name something else: CSRF nonces, public keys, API cursors and change tokens, UI flags. */
const DENY_WORDS = new Set([
  'csrf',
  'xsrf',
  'public',
  'publishable',
  'pub',
  'next',
  'page',
  'pagination',
  'continuation',
  'cursor',
  'change',
  'update',
  'idempotency',
  'request',
  'verification',
  'subject',
  'share',
  'copy',
  'max',
  'min',
  'num',
  'count',
  'length',
  'fake',
  'mock',
  'dummy',
  'sample',
  'example',
  'placeholder',
  'confirm',
  'confirmation',
  'label',
  'field',
  'input',
  'prompt',
  'regex',
  'pattern',
  'hash',
  'hashed',
  'digest',
  'checksum',
  'sha',
  'md5',
  'encrypted',
  'is',
  'has',
  'show',
  'hide',
  'toggle',
  'enable',
  'enabled',
  'disable',
  'require',
  'required',
  'validate',
  'check',
  'should',
  'use',
  'allow',
  'forgot',
  'reset',
  'verify',
  'type',
]);
/** Passwords can be short; tokens, keys and secrets are machine-made and long (12 characters or more). */
const PASSWORD_NAME = /(?:pass(?:word|wd|phrase)?|pwd)(?:[_.-]?(?:\d{1,2}|[a-z]{2,11}))?$/i;
/** Source files, where an unquoted right-hand side is an expression, never a literal. */
const CODE_EXTENSION =
  /\.(?:[cm]?[jt]sx?|py|rb|go|java|kts?|scala|groovy|cs|fs|vb|php|swift|rs|c|cc|cpp|cxx|h|hh|hpp|m|mm|dart|lua|pl|pm|r|ex|exs|erl|clj|vue|svelte)$/i;

/** Splits an identifier into lower-case words: `dbPassword`, `DB_PASSWORD`, `db-password` → db, password. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The words of a name without trailing neutral words and versions (`ADZUNA_KEY_PROD` → adzuna, key). */
export function meaningfulWords(name: string): string[] {
  const words = nameWords(name);
  while (words.length > 1 && (NEUTRAL_SUFFIXES.has(words.at(-1) as string) || /^v?\d+$/.test(words.at(-1) as string))) words.pop();
  return words;
}

/** True when an identifier names a secret: its last meaningful word is a secret word. */
export function isSecretName(name: string): boolean {
  const words = meaningfulWords(name);
  if (words.some((word) => DENY_WORDS.has(word))) return false;
  const last = (words.at(-1) ?? '').replace(/\d+$/, '');
  const before = words.at(-2);
  if (SECRET_WORDS.has(last)) return true;
  if (last === 'key') return before !== undefined && KEY_QUALIFIERS.has(before);
  if (last === 'base') return before === 'key' && words.at(-3) === 'secret';
  return last.length > 5 && SECRET_SUFFIX.test(last);
}

interface Assignment {
  name: string;
  separator: string;
  quotedName: boolean;
  quotedValue: boolean;
  spaced: boolean;
  xmlElement: boolean;
  /** The value is in backticks: a code span in prose, or a JS template literal. */
  backtick: boolean;
}

/** Reads the name, separator and quoting of a generic rule's match around its secret. */
export function parseAssignment(match: string, secret: string): Assignment | undefined {
  const name = /^<?([A-Za-z0-9_.$-]+)/.exec(match);
  const valueAt = match.lastIndexOf(secret);
  if (!name || valueAt < 0) return undefined;
  const between = match.slice(name[0].length, valueAt);
  // `<-`: R's assignment (`password <- "…"`).
  const sep = /(:=|=>|<-|=|:|>|,)([ \t]*)[@rbfuL$]?["'`]?$/i.exec(between);
  if (!sep) return undefined;
  return {
    name: name[1] as string,
    separator: sep[1] as string,
    quotedName: /^["'`]/.test(between),
    quotedValue: /["'`]$/.test(between),
    spaced: (sep[2] as string).length > 0,
    xmlElement: match.startsWith('<'),
    backtick: /`$/.test(between),
  };
}

/** True when the syntax around the value is an assignment of a literal, not markup, a list or an expression. */
function isLiteralAssignment({ separator, quotedName, quotedValue, spaced, xmlElement, backtick }: Assignment, path: string): boolean {
  if (separator === '>' && !xmlElement) return false;
  if (separator === ',' && !(quotedName && quotedValue && !backtick)) return false;
  if (separator === ':' && !quotedName && !quotedValue && !spaced) return false;
  return quotedValue || !CODE_EXTENSION.test(path);
}

/** The `generic-secret` validator: a secret name, a plausible syntax, a literal random value. */
export function genericSecret({ secret, match, path }: { secret: string; match: string; path: string }): 'none' | 'invalid' {
  const assignment = parseAssignment(match, secret);
  if (!assignment || !isSecretName(assignment.name) || !isLiteralAssignment(assignment, path)) return 'invalid';
  if (secret.length < 12 && !PASSWORD_NAME.test(assignment.name)) return 'invalid';
  // Padded base64 (a Kubernetes ConfigMap or Secret `data:` entry) holds what it decodes to: `ZGVidWctbW9kZQ==` is `debug-mode`.
  const decoded = secret.endsWith('=') ? decodeBase64Text(secret)?.trim() : undefined;
  if (decoded !== undefined) return looksLikeLiteralSecret(decoded, { hexKey: true }) ? 'none' : 'invalid';
  return looksLikeLiteralSecret(secret, { hexKey: true }) ? 'none' : 'invalid';
}

/** The `opaque-token` validator: a bearer token that is a random literal, not a variable or a word. */
export function opaqueToken({ secret }: { secret: string }): 'none' | 'invalid' {
  return looksLikeLiteralSecret(secret) ? 'none' : 'invalid';
}
