import * as z from 'zod';
import { secretNameInvalid } from './store-errors.js';

/**
 * How unleak lays secrets out in a SOPS file so that `sops` (and `sops exec-env`) still read it:
 * every top-level value is a string.
 *
 *   "NAME": "ENC[…]"                          the secret
 *   "NAME.previous": "ENC[…]"                 the value before a rotation, until it is committed
 *   "NAME.pending": "ENC[…]"                  a rotation's new value, saved before the provider changes anything
 *   "NAME.meta_unencrypted": "{…json…}"       metadata, left in clear by sops's _unencrypted rule
 *   "unleak.audit_unencrypted": "<hash>"      hash of the last audit entry written with this file
 *
 * Clear values are still covered by the SOPS MAC, so metadata cannot be edited without the data key.
 */

/** Metadata kept in clear beside a secret. Never a value, never a hash of one. */
export interface SecretMeta {
  /** ISO time the secret entered the store. */
  createdAt: string;
  /** ISO time the value last changed. */
  rotatedAt?: string;
  /** Rotation provider id (see src/rotate). */
  provider?: string;
  /** Fingerprint of the scan finding the value was taken from. */
  fingerprint?: string;
  /** True when the value was found leaked (in code or history) and still needs rotating. */
  leaked?: boolean;
  /** Where the value came from, e.g. `import:.env` or a source path; never the value. */
  source?: string;
  /**
   * Where the credential lives, recorded by `unleak fix` from a connection string so that
   * `rotate` needs no config: the provider connects as this user and changes its own password.
   * Never a password.
   */
  target?: SecretTarget;
  /**
   * True when the value is a template of other entries (`${NAME}`, `$${` for a literal `${`), e.g.
   * `postgres://app:${DB_PASSWORD}@db/app` recorded by `unleak fix`: `unleak run` and `unleak render`
   * compose it, so the credential itself is stored (and rotated) once.
   */
  composed?: boolean;
  /**
   * The last live check of this entry by `unleak rotate` (src/verify through the rotation): the
   * current value, and the value it replaced (should be refused once revoked). Statuses and
   * secret-free reasons only. Dropped when the value is set again (it describes another value).
   */
  lastVerification?: LastVerification;
}

/** One live check's answer: `live`, `revoked` or `unknown`, with a short reason (`401 from api.github.com`). */
export interface VerificationAnswer {
  status: 'live' | 'revoked' | 'unknown';
  reason: string;
}

/** What `unleak rotate` last learned about an entry's credentials, and when. */
export interface LastVerification {
  /** ISO time of the check. */
  at: string;
  /** The value in the store (the new credential). */
  current?: VerificationAnswer;
  /** The value the rotation replaced (the leaked one), checked after its revocation. */
  old?: VerificationAnswer;
}

/** The account a credential belongs to (host, port, user, database); never the secret itself. */
export interface SecretTarget {
  host?: string;
  port?: number;
  user?: string;
  database?: string;
  /** The URL scheme the value was found with (postgres, mysql, redis, amqp…). */
  scheme?: string;
}

const metaSchema = z.object({
  createdAt: z.string(),
  rotatedAt: z.string().optional(),
  provider: z.string().optional(),
  fingerprint: z.string().optional(),
  leaked: z.boolean().optional(),
  source: z.string().optional(),
  target: z
    .object({
      host: z.string().optional(),
      port: z.number().int().optional(),
      user: z.string().optional(),
      database: z.string().optional(),
      scheme: z.string().optional(),
    })
    .optional(),
  composed: z.boolean().optional(),
  lastVerification: z
    .object({
      at: z.string(),
      current: z.object({ status: z.enum(['live', 'revoked', 'unknown']), reason: z.string() }).optional(),
      old: z.object({ status: z.enum(['live', 'revoked', 'unknown']), reason: z.string() }).optional(),
    })
    .optional(),
});

/** Suffix of the metadata key of a secret. */
export const META_SUFFIX = '.meta_unencrypted';
/** Suffix of the key holding the previous value during a rotation. */
export const PREVIOUS_SUFFIX = '.previous';
/** Suffix of the key holding a rotation's new value until the provider has accepted it. */
export const PENDING_SUFFIX = '.pending';
/** Key holding the hash of the newest audit entry written together with this file. */
export const AUDIT_ANCHOR_KEY = 'unleak.audit_unencrypted';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

/** Throws UNLEAK_SECRET_NAME_INVALID for a name unleak must not store. */
export function assertSecretName(name: string): void {
  if (!NAME.test(name)) throw secretNameInvalid(name, 'only letters, digits and _ are allowed, not starting with a digit');
  if (name.toLowerCase().endsWith('_unencrypted')) throw secretNameInvalid(name, 'sops would store a key ending in _unencrypted in clear');
  if (name === 'sops') throw secretNameInvalid(name, 'the name is reserved for sops metadata');
}

/** The metadata key of a secret. */
export function metaKey(name: string): string {
  return `${name}${META_SUFFIX}`;
}

/** The previous-value key of a secret. */
export function previousKey(name: string): string {
  return `${name}${PREVIOUS_SUFFIX}`;
}

/** The pending-value key of a secret. */
export function pendingKey(name: string): string {
  return `${name}${PENDING_SUFFIX}`;
}

/** True for keys unleak writes for its own bookkeeping (not secrets). */
export function isInternalKey(key: string): boolean {
  return key === AUDIT_ANCHOR_KEY || key.endsWith(META_SUFFIX) || key.endsWith(PREVIOUS_SUFFIX) || key.endsWith(PENDING_SUFFIX);
}

/** Reads a metadata string; unreadable metadata yields undefined (the secret itself is unaffected). */
export function parseMeta(text: unknown): SecretMeta | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const parsed = metaSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes metadata as compact JSON in a fixed key order, so diffs stay small. */
export function serializeMeta(meta: SecretMeta): string {
  const ordered: SecretMeta = { createdAt: meta.createdAt };
  if (meta.rotatedAt !== undefined) ordered.rotatedAt = meta.rotatedAt;
  if (meta.provider !== undefined) ordered.provider = meta.provider;
  if (meta.fingerprint !== undefined) ordered.fingerprint = meta.fingerprint;
  if (meta.leaked !== undefined) ordered.leaked = meta.leaked;
  if (meta.source !== undefined) ordered.source = meta.source;
  if (meta.target !== undefined) ordered.target = meta.target;
  if (meta.composed !== undefined) ordered.composed = meta.composed;
  if (meta.lastVerification !== undefined) ordered.lastVerification = meta.lastVerification;
  return JSON.stringify(ordered);
}
