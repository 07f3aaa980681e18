import { isPlaceholder } from '../placeholder.js';
import { isDefaultOrPlaceholderPassword } from './credential-password.js';

/**
 * Base64 values that hide credentials: HTTP Basic `user:pass` (RFC 7617, also Docker
 * `config.json` `auth` and `.npmrc` `_auth`), and Kubernetes Secret `data:` values.
 * https://www.rfc-editor.org/rfc/rfc7617#section-2
 * https://kubernetes.io/docs/concepts/configuration/secret/#restriction-names-data
 */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const PRINTABLE = /^[\x20-\x7e\t\r\n\u00a0-\uffff]+$/;

/** The UTF-8 text a standard base64 string decodes to, when it decodes to printable text. */
export function decodeBase64Text(value: string): string | undefined {
  if (!BASE64.test(value) || value.replace(/=+$/, '').length % 4 === 1) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  return text.length > 0 && PRINTABLE.test(text) && !text.includes('\ufffd') ? text : undefined;
}

/** True when the value is base64 of `user:password`, neither a placeholder nor a default. */
export function isBasicCredential(value: string): boolean {
  const text = decodeBase64Text(value);
  if (text === undefined || /[\r\n]/.test(text)) return false;
  const colon = text.indexOf(':');
  if (colon < 1) return false;
  const user = text.slice(0, colon);
  const password = text.slice(colon + 1);
  if (/\s/.test(user) || isPlaceholder(user) || isPlaceholder(password)) return false;
  return !isDefaultOrPlaceholderPassword(password, user);
}

const NOT_A_SECRET =
  /-----BEGIN (?:CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|X509 CRL|CERTIFICATE REQUEST|[A-Z0-9 ]*PRIVATE KEY)|^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-\S+) AAAA|^\{\s*"auths"/;
const TRIVIAL = /^(?:true|false|yes|no|on|off|null|none|\d{1,6})$/i;

/**
 * True when the value is base64 of printable text that can be a secret: not a certificate or
 * public key, not a trivial flag or port, not a placeholder. Private keys and Docker configs
 * are left to their own rules, which see them through the engine's base64 decoder.
 */
export function isSecretBase64Text(value: string): boolean {
  const text = decodeBase64Text(value);
  if (text === undefined) return false;
  const trimmed = text.trim();
  return trimmed.length > 0 && !NOT_A_SECRET.test(trimmed) && !TRIVIAL.test(trimmed) && !isPlaceholder(trimmed);
}
