import { passwordTarget } from './password-target.js';
import type { RotationJob } from './protocol.js';
import type { RotationEntry } from './rotation-store.js';

/**
 * Live verification around a rotation: after the revocation, the old credential should be
 * refused and the new one accepted, asked of the provider by src/verify's read-only identity
 * calls. The verifier is injected through `RotationIo.verifyLive` (src/verify imports rotate's
 * SigV4, credential-URL and login code, so rotate cannot import src/verify without a cycle): the
 * CLI passes `verifyValue`. A result is recorded (audit trail and entry metadata) and reported; it
 * never rolls anything back: the protocol's own `test` step decides that.
 */

/** One answer: `live`, `revoked` or `unknown`, with a short secret-free reason. */
export interface LiveVerification {
  status: 'live' | 'revoked' | 'unknown';
  reason: string;
}

/** What a rotation asks the verifier: the provider id and the value (databases: the login URL). */
export interface LiveCheckRequest {
  provider: string;
  value: string;
  /** Set when the provider's options name their own API base URL (GitHub Enterprise, a proxy): the public host would answer for another system. */
  customBaseUrl?: string;
}

/** Checks one value at its provider; never throws for a provider's answer or a network failure. */
export type LiveVerifier = (request: LiveCheckRequest) => Promise<LiveVerification>;

/** What a rotation learned: the current (new) value, and the old one after its revocation. */
export interface RotationVerification {
  at: string;
  current?: LiveVerification;
  old?: LiveVerification;
}

/** URL schemes of the providers whose stored value may be a bare password (verified as a login URL). */
const LOGIN_SCHEMES: Record<string, string[]> = {
  postgres: ['postgres', 'postgresql'],
  mysql: ['mysql', 'mariadb'],
  redis: ['redis', 'rediss'],
  rabbitmq: ['amqp', 'amqps'],
};

/** The form src/verify takes: a database's full login URL (option `url` and `target` included), else the value. */
export function verificationValue(job: RotationJob, value: string): string {
  const schemes = LOGIN_SCHEMES[job.provider.id];
  if (!schemes) return value;
  try {
    const account = passwordTarget(job.provider.id, job.entry.name, value, job.options as { url?: string }, schemes);
    return account.loginUrl(account.password);
  } catch {
    return value;
  }
}

/** The provider's `baseUrl` option when it differs from the provider's default (or has no default). */
function customBaseUrl(job: RotationJob): string | undefined {
  const configured = job.options.baseUrl;
  if (typeof configured !== 'string') return undefined;
  const defaults = job.provider.options.safeParse({});
  const fallback = defaults.success ? (defaults.data as { baseUrl?: unknown }).baseUrl : undefined;
  return configured === fallback ? undefined : configured;
}

async function ask(job: RotationJob, value: string): Promise<LiveVerification> {
  const verify = job.io.verifyLive as LiveVerifier;
  try {
    return await verify({ provider: job.provider.id, value: verificationValue(job, value), customBaseUrl: customBaseUrl(job) });
  } catch {
    return { status: 'unknown', reason: 'verifier failed' };
  }
}

/** How long to wait before asking once more when the old credential still answers (revocations take a moment to spread). */
export const OLD_RECHECK_DELAY_MS = 3000;

/**
 * Verifies after a rotation: `current` (always) and `old` (when it was revoked). An old value that
 * still answers `live` is asked once more after a short wait. Undefined when no verifier is injected.
 */
export async function verifyAfterRotation(
  job: RotationJob,
  values: { current: string; old?: string },
): Promise<RotationVerification | undefined> {
  if (!job.io.verifyLive) return undefined;
  const at = job.io.now().toISOString();
  let old: LiveVerification | undefined;
  if (values.old !== undefined) {
    old = await ask(job, values.old);
    if (old.status === 'live') {
      await job.io.sleep(OLD_RECHECK_DELAY_MS);
      old = await ask(job, values.old);
    }
  }
  const current = await ask(job, values.current);
  return { at, current, old };
}

/** The audit detail of one answer: `status=revoked; reason=401 from api.github.com`. */
export function auditDetail(answer: LiveVerification): string {
  return `status=${answer.status}; reason=${answer.reason}`;
}

/** Records a verification: one audit entry per checked value, and the entry's (and holders') metadata. Never throws. */
export async function recordVerification(job: RotationJob, names: string[], verification: RotationVerification): Promise<void> {
  const events = [
    ...(verification.old ? [{ action: 'rotate-verify-old', secret: job.entry.name, detail: auditDetail(verification.old) }] : []),
    ...(verification.current ? [{ action: 'rotate-verify-new', secret: job.entry.name, detail: auditDetail(verification.current) }] : []),
  ];
  await job.store.audit(events).catch(() => job.io.log(`${job.entry.name}: warning: could not write the verification to the audit trail`));
  await job.store
    .recordVerification?.(names, verification)
    .catch(() => job.io.log(`${job.entry.name}: warning: could not record the verification in the store metadata`));
}

/** The progress line for a verification. */
export function verificationLine(name: string, verification: RotationVerification): string {
  const parts: string[] = [];
  if (verification.old)
    parts.push(
      `old credential ${verification.old.status === 'revoked' ? 'refused' : verification.old.status === 'live' ? 'STILL ACCEPTED' : 'unknown'} (${verification.old.reason})`,
    );
  if (verification.current)
    parts.push(
      `new credential ${verification.current.status === 'live' ? 'live' : verification.current.status === 'revoked' ? 'REFUSED' : 'unknown'} (${verification.current.reason})`,
    );
  return `${name}: verified: ${parts.join('; ')}`;
}

/** True when the verification calls for the user: the old credential still works, or the new one is refused. */
export function verificationAlarm(verification: RotationVerification | undefined): boolean {
  return verification?.old?.status === 'live' || verification?.current?.status === 'revoked';
}

/** The last verification an entry records (for `unleak status`). */
export type EntryVerification = NonNullable<RotationEntry['lastVerification']>;
