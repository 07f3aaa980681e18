import { UnleakError, type ErrorCode } from '../errors.js';

/**
 * Errors of the rotation protocol and its providers. Each has a stable code and exits 2; none
 * carries a secret value: messages name secrets, users, hosts and API error codes only.
 */

/** The four protocol steps, plus the later completion of a grace period. */
export type RotationStep = 'create' | 'store' | 'test' | 'revoke' | 'finish';

/** A provider step failed; `step` says which. The protocol rolls back before rethrowing. */
export class RotationError extends UnleakError {
  readonly step: RotationStep | undefined;

  constructor(code: ErrorCode, message: string, options: { step?: RotationStep; hint?: string; cause?: unknown } = {}) {
    super(code, message, { hint: options.hint, cause: options.cause });
    this.name = 'RotationError';
    this.step = options.step;
  }
}

/** The provider (a service, an API) refused or failed a step. */
export function providerFailed(provider: string, what: string, options: { hint?: string; cause?: unknown } = {}): RotationError {
  return new RotationError('UNLEAK_ROTATION_PROVIDER_FAILED', `${provider}: ${what}`, options);
}

/** The provider's options are missing something it needs (an admin URL, a base URL…). */
export function providerMisconfigured(provider: string, what: string, hint?: string): RotationError {
  return new RotationError('UNLEAK_ROTATION_CONFIG', `${provider}: ${what}`, {
    hint: hint ?? 'See docs/rotate.md for the options of each provider.',
  });
}

/** The new credential did not work against the real system. */
export function newCredentialRejected(provider: string, detail: string, cause?: unknown): RotationError {
  return new RotationError('UNLEAK_ROTATION_TEST_FAILED', `${provider}: the new credential does not work: ${detail}`, {
    step: 'test',
    cause,
  });
}

/** The old credential still works after it was revoked. */
export function oldCredentialStillAccepted(provider: string, detail: string): RotationError {
  return new RotationError('UNLEAK_ROTATION_NOT_REVOKED', `${provider}: the old credential is still accepted after revocation: ${detail}`, {
    step: 'revoke',
    hint: 'The rotation was rolled back. Check that the server really checks passwords for this connection (e.g. no `trust` line in pg_hba.conf).',
  });
}

/** The value in the store does not have the shape the provider needs. */
export function valueUnusable(provider: string, name: string, expected: string): RotationError {
  return new RotationError('UNLEAK_ROTATION_VALUE_UNUSABLE', `${provider}: the value of ${name} is not ${expected}`, {
    step: 'create',
    hint: 'Pick the right provider for it with rotation.secrets.<NAME>.provider in .unleak.yaml, or fix the value.',
  });
}

/** A message safe to show for anything thrown by a client library (no values, first line only). */
export function describeCause(error: unknown): string {
  const record = error as { code?: unknown; message?: unknown } | undefined;
  const code = typeof record?.code === 'string' || typeof record?.code === 'number' ? String(record.code) : undefined;
  const message = (typeof record?.message === 'string' ? record.message.split('\n')[0] : undefined) || String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

const salvaged = new WeakMap<object, string>();

/**
 * The create step failed in a way that leaves it unknown whether the new credential was set
 * (the connection dropped mid-statement) and putting the old one back failed too. The error
 * carries the new value out of sight (a WeakMap, never a property), so that the protocol can keep
 * both values in the store and the system never ends up with a credential nobody knows.
 */
export function uncertainCreate(provider: string, detail: string, newValue: string, cause?: unknown): RotationError {
  const error = new RotationError('UNLEAK_ROTATION_UNCERTAIN', `${provider}: the change may or may not have been applied: ${detail}`, {
    step: 'create',
    cause,
    hint: 'The store now keeps both values. When the system is reachable again, run `unleak rotate --finish NAME`: it keeps whichever value works and revokes the other.',
  });
  salvaged.set(error, newValue);
  return error;
}

/** The new value carried by an uncertainCreate error, if any. */
export function salvagedValue(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? salvaged.get(error) : undefined;
}
