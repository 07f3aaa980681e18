import { shannonEntropy } from '../entropy.js';
import { isSecretName, nameWords, parseAssignment } from './generic-secret.js';
import { deLeet, looksLikeLiteralSecret } from './literal-secret.js';

/**
 * Hard-coded passwords (CWE-798) in the notations people use for them: `password=…`,
 * `password:…` without a space, short names (`pw`, `pwd`, `pass`, `passwd`, `pswd`,
 * `MYSQLPASS`), `-pwd:…` switches, `#define PASSWORD "…"`, prose (`ID:master PW:…`), and name /
 * value pairs (`<add key="ClearTextPassword" value="…"/>`, Kubernetes and ECS `env` entries).
 * https://cwe.mitre.org/data/definitions/798.html
 */

/** Names that hold a password: the last word is pass/password/passwd/pwd/pswd/pw/passphrase, or a word ending in `pass` (`mysqlpass`). */
const PASSWORD_WORD = /^(?:pass(?:word|wd|phrase)?|pwd|pswd|pw|[a-z]{2,12}(?:password|passwd|pwd|pswd|pass))$/;
/** Words ending in `pass` that are not passwords. */
const NOT_PASSWORD = /(?:by|com|encom|sur|over|under|tres|im|multi|first|second|single|double|one|two|render|sub|high|low|band|all)pass$/;
/**
 * Words before the password word that make the name something else: a hash, a UI string, a rule,
 * a flag or a prompt (`confirm_password`, `PASSWORD_MIN_LENGTH`, `showPassword`). Words after it
 * never reach here: the last word must be a password word.
 */
const DENY_WORDS = new Set([
  'hash',
  'hashed',
  'digest',
  'salt',
  'encrypted',
  'crypt',
  'field',
  'input',
  'label',
  'prompt',
  'hint',
  'placeholder',
  'title',
  'message',
  'msg',
  'error',
  'length',
  'len',
  'min',
  'max',
  'size',
  'policy',
  'rule',
  'rules',
  'regex',
  'pattern',
  'strength',
  'reset',
  'forgot',
  'change',
  'confirm',
  'confirmation',
  'repeat',
  'retype',
  'verify',
  'validation',
  'validator',
  'validators',
  'required',
  'enabled',
  'enable',
  'disabled',
  'is',
  'has',
  'show',
  'hide',
  'toggle',
  'expiry',
  'expires',
  'expiration',
  'age',
  'count',
  'attempts',
  'mode',
  'format',
  'example',
  'sample',
  'dummy',
  'fake',
  'mock',
]);
/** Source files, where an unquoted right-hand side is an expression, never a literal. */
const CODE_EXTENSION =
  /\.(?:[cm]?[jt]sx?|py|rb|go|java|kts?|scala|groovy|cs|fs|vb|php|swift|rs|c|cc|cpp|cxx|h|hh|hpp|m|mm|dart|lua|pl|pm|r|ex|exs|erl|clj|vue|svelte)$/i;
/** Passwords everyone tries first, and words of forms and docs, also spelled with digits for letters. */
const COMMON =
  /pass|admin|secret|letmein|welcome|qwe|asd|zxc|iloveyou|monkey|dragon|master|changeit|login|guest|root|test|demo|user|abc|123|111|000/;

/** True when an identifier names a password (`DB_PASS`, `pwd`, `MYSQLPASS`, `ClearTextPassword`), not a hash, a UI string or a rule about passwords. */
export function isPasswordName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0 || words.some((word) => DENY_WORDS.has(word))) return false;
  while (words.length > 1 && /^(?:v?\d+|prod|production|dev|staging|stage|live|local|b64|base64|value)$/.test(words.at(-1) as string))
    words.pop();
  const last = (words.at(-1) as string).replace(/\d+$/, '');
  return PASSWORD_WORD.test(last) && !NOT_PASSWORD.test(last);
}

/** Character classes in a value: lower, upper, digit, symbol. */
function classCount(value: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
}

/** The longest run of consecutive characters, case ignored (`abc`, `321`). */
function longestRun(value: string): number {
  const lower = value.toLowerCase();
  let longest = 1;
  let run = 1;
  let step = 0;
  for (let i = 1; i < lower.length; i++) {
    const diff = lower.charCodeAt(i) - lower.charCodeAt(i - 1);
    run = (diff === 1 || diff === -1) && (run === 1 || diff === step) ? run + 1 : diff === 1 || diff === -1 ? 2 : 1;
    step = diff;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** A run of letters shaped like a word: a quarter of it vowels (`Summer`, `ADMIN`), not `Rmjs`. */
const isWordLike = (letters: string): boolean => (letters.match(/[aeiouy]/gi)?.length ?? 0) / letters.length >= 0.25;

/**
 * True when a 6 or 7 character value next to a password name is a real password: three
 * character classes or more, no word, no run (`abc`, `123`), no repeated character, not a
 * reference or a format string.
 */
export function looksLikeShortPassword(value: string): boolean {
  if (value.length < 6 || value.length > 7 || /^[$%{[<(]|[}\]>)]$|\.\.\.|\*\*/.test(value)) return false;
  if (classCount(value) < 3 || /(.)\1\1/.test(value) || new Set(value).size < value.length - 1) return false;
  if (COMMON.test(deLeet(value)) || longestRun(value) >= 3) return false;
  if (
    (value.match(/[A-Za-z]/g)?.length ?? 0) < 2 ||
    (value.match(/[A-Z]?[a-z]{3,}|[A-Z]{4,}/g) ?? []).some((word) => word.length >= 4 && isWordLike(word))
  )
    return false;
  return shannonEntropy(value) >= 2.5;
}

/** True when a value next to a password name is a literal password, 6 characters or more. */
export function looksLikePassword(value: string): boolean {
  // A leading `%` or `^` reads as a reference (`%VAR%`) or a regex (`^…$`) in general; in a password it is a symbol like the others.
  if (/^[%^]/.test(value) && !/^%(?:\([A-Za-z_]\w*\)[sd]?|[A-Za-z_]\w*%)$|\$$/.test(value) && value.length > 6)
    return looksLikePassword(value.slice(1));
  if (value.length < 8) return looksLikeShortPassword(value);
  return looksLikeLiteralSecret(value, { hexKey: true }) && !/^(?:true|false|null|none|nil|undefined)$/i.test(value);
}

/**
 * The verdict on a value by the name it is given: a password name wants a password (6 characters
 * or more, looksLikePassword), another secret name a random literal of 12 or more; any other name
 * gives none. `secretName` is whether the name counts as a secret's (isSecretName unless told).
 */
export function verdictByName(name: string, secret: string, secretName = isSecretName(name)): 'none' | 'invalid' {
  if (isPasswordName(name)) return looksLikePassword(secret) ? 'none' : 'invalid';
  if (!secretName) return 'invalid';
  return secret.length >= 12 && looksLikeLiteralSecret(secret, { hexKey: true }) ? 'none' : 'invalid';
}

/**
 * The `password-assignment` validator: a password name (or any secret name, with the generic
 * rules' 12-character floor), an assignment that is not markup or an expression, a literal value.
 * Unlike the other generic names, a password name may take an unspaced colon (`pwd:Xq7…`): that
 * is how passwords are written in notes, chat pastes and command switches (`-pwd:…`).
 */
export function passwordAssignment({ secret, match, path }: { secret: string; match: string; path: string }): 'none' | 'invalid' {
  const assignment = parseAssignment(match, secret);
  if (!assignment) return 'invalid';
  const password = isPasswordName(assignment.name);
  if (!password && !isSecretName(assignment.name)) return 'invalid';
  const { separator, quotedName, quotedValue, spaced, xmlElement, backtick } = assignment;
  if (separator === '>' && !xmlElement) return 'invalid';
  if (separator === ',' && !(quotedName && quotedValue && !backtick)) return 'invalid';
  const bareColon = separator === ':' && !quotedName && !quotedValue && !spaced;
  // `pwd:Xq7…` is a password; `passwd:x:0:0:…` and `encpass:AES256:GCM` are colon-separated records.
  if (bareColon && (!password || secret.includes(':'))) return 'invalid';
  if (!quotedValue && CODE_EXTENSION.test(path)) return 'invalid';
  if (!password) return secret.length >= 12 && looksLikeLiteralSecret(secret, { hexKey: true }) ? 'none' : 'invalid';
  return looksLikePassword(secret) ? 'none' : 'invalid';
}

/**
 * The name before a value: of a pair or macro (group 1), of a sentence (group 2), of a setter
 * (`setKeyStorePassword("…")`, group 3), or a basic-auth pair (`auth=("user", "…")`, group 4).
 */
const PAIR_NAME =
  /(?:\bname|\bkey|#[ \t]*define)["']?[ \t]*[:=]?[ \t]*["']?([A-Za-z][A-Za-z0-9_.-]{0,80})|\b(pass(?:word|wd|phrase)?|pwd|pw)[ \t]+(?:is|was)\b|\bset_?([A-Za-z0-9_]{0,40}?(?:password|passwd|pwd|passphrase))[ \t]*\(|\b(auth|HTTPBasicAuth|HTTPDigestAuth|BasicAuth|basic_auth|NetworkCredential|UsernamePasswordCredentials?|PasswordAuthentication)\b/i;

/** Reads the name of a name / value pair (`"name": "DB_PASSWORD"`, `- Name: API_TOKEN`, `#define PASSWORD`), of prose (`the password is …`), a setter or a basic-auth pair. */
export function pairName(match: string): string | undefined {
  const found = PAIR_NAME.exec(match);
  // The second member of a basic-auth pair is its password.
  return found?.[1] ?? found?.[2] ?? found?.[3] ?? (found?.[4] === undefined ? undefined : 'password');
}

/** Prose names things in words (`AES-256-GCM`, `v1.2.3-compatible`): a password in a sentence must mix cases, digits or symbols, and hold no word. */
function looksLikeProsePassword(value: string): boolean {
  return (
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    classCount(value) >= 3 &&
    !(value.match(/[A-Z]?[a-z]{4,}/g) ?? []).some((word) => word.length >= 5 && isWordLike(word))
  );
}

/**
 * The `named-secret-value` validator, for a value whose name sits apart from it: an `env` entry
 * (`- name: X_API_KEY` / `value: …`), `#define NAME "…"`, `the password is …`, `setPassword("…")`,
 * `auth=("user", "…")`. The name must
 * name a secret; a password name accepts 6 characters, other secret names 12.
 */
export function namedSecretValue({ secret, match }: { secret: string; match: string }): 'none' | 'invalid' {
  const name = pairName(match);
  if (name === undefined) return 'invalid';
  const prose = PAIR_NAME.exec(match)?.[2] !== undefined;
  // A password in a sentence must also read as one there (no word in it).
  if (prose && isPasswordName(name) && !looksLikeProsePassword(secret)) return 'invalid';
  return verdictByName(name, secret);
}
