import { shannonEntropy } from '../entropy.js';

/**
 * Is a value a literal secret, or something else that sits where secrets sit: a reference, a
 * path, a URL, a digest, a UUID, a password hash, a word, an identifier, a walk on the keyboard?
 * Character-mix checks in the spirit of CWE-798 scanners. https://cwe.mitre.org/data/definitions/798.html
 */

/**
 * References and templates (`${VAR}`, `%VAR%\…`, `%(name)s`, `%s:%s`, `%h/.ssh`, `{{ … }}`,
 * `vault:…`); a `%` before random characters (`%TW^-fDyy`, `%I!4YKlip`, `%D62Ap%c~vTM`) starts a password.
 */
const REFERENCE =
  /^(?:\$[{(A-Za-z_$]|%(?:[A-Za-z_][A-Za-z0-9_]*%(?=$|[\\/.])|[({])|#\{|\{|\[|@[A-Za-z_][\w.]*@$|![A-Za-z]+$|ENC\(|vault:|arn:|ref\+|(?:sm|op|secret|file|env|gs|s3):)|\$\{|\{\{|#\{|\{[A-Za-z_][\w.]*\}|\[[A-Za-z_ ]+\]/i;
/** A printf or ssh_config specifier before a separator (`%s:%s`, `%h/.ssh/…`): lower case (REFERENCE ignores case). */
const SPECIFIER = /^%[a-z](?=$|[\\/:.%@])/;
const FILE_NAME =
  /^[\w.-]+\.(?:pem|key|crt|cer|der|p12|pfx|jks|keystore|json|ya?ml|txt|env|ini|conf|cfg|properties|xml|gpg|asc|pub|ppk|sh|js|py)$/i;
const PASSWORD_HASH =
  /^(?:\$(?:2[abxy]?|[1-7]|y|gy|argon2(?:id|i|d)|scrypt|pbkdf2[\w-]*|apr1|sha\d*|[PH])\$|(?:pbkdf2_sha\d+|bcrypt(?:_sha256)?|argon2|sha1|md5|scrypt)\$|\{(?:S?SHA\d*|S?MD5|CRYPT|BCRYPT|PBKDF2[\w-]*)\})/i;
const DIGEST = /^(?:sha(?:1|224|256|384|512)|md5)[-:]/i;
/** Regular expressions (`^[a-z]+$`, `^\d{4}$`, `(?:…)`); a `^` before random characters (`^9Jjkr=zH#0C&i`) starts a password. */
const REGEX_LIKE = /^\^(?:[[(\\]|.*\$$)|\(\?[=!:<]|\\[dDwWsS]|\.[*+]|\[[^\]]*-[^\]]*\]|\{\d+,\d*\}/;
/** `PKCS7_ISSUER_AND_SERIAL`, `db_password_2`: constant and snake-case names, not values. */
const CONSTANT = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)$/;
/** camelCase or PascalCase identifiers of word-sized parts, with at most a short version suffix (`apiKeyV2`). */
const CAMEL_IDENTIFIER = /^[A-Za-z][a-z]{1,12}(?:[A-Z][a-z]{1,12}){1,4}(?:[A-Z]?\d{1,2})?$/;
const HOST_NAME = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d{1,5})?$/i;
/** UUIDs, and documentation values shaped like one. */
const UUID_SHAPE = /^\{?[0-9a-z]{7,8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}\}?$/i;
/** JWTs are left to the jwt-token rule, which checks their header (and knows jwt.io's sample). */
const JWT_SHAPE = /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/;
const HASH_HEX_LENGTHS = new Set([32, 40, 56, 64, 96, 128]);
/** Tokens that are public by design: Mapbox `pk.` tokens, Stripe publishable keys. */
const PUBLIC_TOKEN = /^(?:pk\.eyJ|pk_(?:live|test)_)/;
/** Digests of empty input (md5, sha1, sha256): constants in code, never secrets. */
const EMPTY_DIGESTS = new Set([
  'd41d8cd98f00b204e9800998ecf8427e',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
]);
/** Passwords everyone tries first, also spelled with digits for letters (`P@55w0rd`). */
const COMMON_PASSWORDS = /passw(?:or)?d|pa55|admin|secret|letmein|welcome|qwerty|iloveyou|monkey|dragon|master|changeit/;

/** Share of vowels: about 0.4 in words and identifiers, 0.2 in random letters. */
const vowelRatio = (letters: string): number => (letters.match(/[aeiou]/gi)?.length ?? 0) / Math.max(letters.length, 1);

/**
 * True for a letter run shaped like a word: at least a quarter vowels (`PASSWORD`, `CHANGEME`,
 * `api`) and, from five letters on, at most three fifths, unlike the vowel-heavy runs random
 * passwords hold (`OHEIOSCI` in `rJxOHEIOSCI0`, `Ouazya`).
 */
const isWordShaped = (word: string): boolean => {
  const ratio = vowelRatio(word);
  return ratio >= 0.25 && (word.length < 5 || ratio <= 0.6);
};

const WORD_RUNS = /[A-Z]?[a-z]{3,}|[A-Z]{4,}/g;

/** Share of the value made of word-shaped letter runs (`Summer`, `secret`, `DEFAULT`): three letters or more. */
function wordCoverage(value: string): number {
  const words = (value.match(WORD_RUNS) ?? []).filter(isWordShaped);
  return words.reduce((sum, word) => sum + word.length, 0) / value.length;
}

/** Letters outside word-shaped runs: at most two in a word with digits (`CHANGEME123`, `Summer2023!`), many in random mixed case (`MUrAawfeqDU2`). */
const strayLetters = (value: string): number =>
  value.replace(WORD_RUNS, (run) => (isWordShaped(run) ? '' : run)).replace(/[^A-Za-z]/g, '').length;

/** The longest run of consecutive letters or digits, case ignored (`defGHijk`), and the characters in runs of four or more (`abcd`, `1234`). */
function sequentialCoverage(value: string): { longest: number; total: number } {
  const lower = value.toLowerCase();
  let longest = 1;
  let total = 0;
  let run = 1;
  for (let i = 1; i <= lower.length; i++) {
    const step = i < lower.length ? lower.charCodeAt(i) - lower.charCodeAt(i - 1) : 0;
    const alnum = i < lower.length && /[a-z0-9]/.test(lower[i] as string);
    if (step === 1 && alnum) {
      run += 1;
      continue;
    }
    if (run >= 4) total += run;
    longest = Math.max(longest, run);
    run = 1;
  }
  return { longest, total };
}

/** Lower case with leetspeak digits and symbols read as letters (`P@ssw0rd` → `password`), for word checks. */
export const deLeet = (value: string): string =>
  value
    .toLowerCase()
    .replace(/[@4]/g, 'a')
    .replace(/[$5]/g, 's')
    .replace(/0/g, 'o')
    .replace(/3/g, 'e')
    .replace(/[1!]/g, 'i')
    .replace(/7/g, 't');

/** True for a host name: written in one case (`db.internal`, `SQL01.CORP.NET`) or with capitalised labels (`Server01.Contoso.com`), not a random mixed-case password with a dot (`TOrTcpl1TZ6b-9E.XMfh`). */
const isHostName = (value: string): boolean =>
  HOST_NAME.test(value) && value.split('.').every((label) => /^(?:[a-z0-9-]+|[A-Z0-9-]+|[A-Z][a-z0-9-]*)(?::\d{1,5})?$/.test(label));

/**
 * True for a value that may be base64 of random bytes, which starts with `/` once in 64
 * (`/An6GYP9VK155ZvH656IO/qQfs…=`): the base64 alphabet (whole quads when padded), both cases,
 * and a first segment that is no word, where a path starts at a folder (`/srv/…`, `/Users/…`).
 */
function isBase64Shaped(value: string): boolean {
  if (value.length < 16 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value) || (value.endsWith('=') && value.length % 4 !== 0)) return false;
  return /[a-z]/.test(value) && /[A-Z]/.test(value) && !/^\/(?:[a-z]{3,}|[A-Z][a-z]{2,})(?:\/|$)/.test(value);
}

/** True when a path looks like a file path rather than base64 that happens to contain `/`. */
function isPath(value: string): boolean {
  if (value.startsWith('/') ? !isBase64Shaped(value) : /^(?:\.{1,2}\/|~\/|[A-Za-z]:\\|\\\\)/.test(value)) return true;
  if (FILE_NAME.test(value)) return true;
  const segments = value.split('/');
  return segments.length > 1 && segments.every((segment) => /^[a-z0-9_.@-]*$/.test(segment) || /^[A-Z][a-z0-9_.-]*$/.test(segment));
}

/** True when a letters-only value is random letters rather than a word or an identifier. */
function isRandomLetters(value: string, entropy: number): boolean {
  const letters = value.replace(/[^A-Za-z]/g, '');
  if (letters.length < 16 || !/[a-z]/.test(letters) || !/[A-Z]/.test(letters) || entropy < 3.5) return false;
  return vowelRatio(letters) < 0.3 || (letters.length >= 24 && entropy >= 4.3);
}

/** True when the value is shaped like something other than a secret. */
function isNotASecretShape(value: string, hexKey: boolean): boolean {
  if (REFERENCE.test(value) || SPECIFIER.test(value) || value.includes('://') || /^data:/i.test(value) || PUBLIC_TOKEN.test(value))
    return true;
  if (isPath(value) || /^[-+]?[\d_.,:]+$/.test(value) || UUID_SHAPE.test(value)) return true;
  if (PASSWORD_HASH.test(value) || DIGEST.test(value) || JWT_SHAPE.test(value) || REGEX_LIKE.test(value)) return true;
  const hex = /^(?:0x)?([0-9a-f]+)$/i.exec(value)?.[1];
  if (hex && (hex.length < 32 || EMPTY_DIGESTS.has(hex.toLowerCase()) || (HASH_HEX_LENGTHS.has(hex.length) && !hexKey))) return true;
  if (CONSTANT.test(value) || CAMEL_IDENTIFIER.test(value) || isHostName(value)) return true;
  const dotted = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value);
  return (dotted && (!/\d/.test(value) || wordCoverage(value) >= 0.5)) || /^[\w$.]+[([]/.test(value);
}

/**
 * True when a value, stripped of its quotes, can be a literal secret: long enough, random
 * enough, and none of a reference, URL, path, number, digest, UUID, password hash, word,
 * identifier or keyboard walk. `hexKey` accepts hex of digest lengths (32, 40, 64… characters):
 * right when the name already says the value is a key or secret, not a hash.
 */
export function looksLikeLiteralSecret(value: string, options: { hexKey?: boolean } = {}): boolean {
  if (value.length < 8 || value.length > 256 || !/[A-Za-z0-9]/.test(value) || /(.)\1{5}/.test(value)) return false;
  if (isNotASecretShape(value, options.hexKey ?? false) || COMMON_PASSWORDS.test(deLeet(value))) return false;
  const sequential = sequentialCoverage(value);
  if (sequential.longest >= 5 || sequential.total >= 8) return false;
  const entropy = shannonEntropy(value);
  if (/^[A-Za-z_.:-]+$/.test(value) && !isRandomLetters(value, entropy)) return false;
  const wordy =
    value.length < 16
      ? wordCoverage(value) >= 0.5 && entropy < 3.5 && strayLetters(value) <= 2
      : wordCoverage(value) >= 0.7 && entropy < 3.7;
  // Twelve to fifteen characters of upper, lower and digits repeat a character or two by chance (`GR59TMMGbI59`): the lower floor of short values.
  const mixedClasses = /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value);
  return !wordy && entropy >= (value.length < 12 || (value.length < 16 && mixedClasses) ? 2.8 : 3.0);
}
