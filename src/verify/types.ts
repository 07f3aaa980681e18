import type { FindingVerification } from '../engine/index.js';

/**
 * A verifier asks one provider whether a secret still works, with the provider's cheapest
 * read-only identity call (or, for a connection string, a login and a trivial query).
 */

export type { FindingVerification as Verification } from '../engine/index.js';

/** The value to check, and for paired credentials (AWS key id + secret) the other half. */
export interface VerifyInput {
  value: string;
  companion?: string;
}

/** One HTTP exchange as a verifier describes it; the URL's host must be on the verifier's allowlist. */
export interface VerifyHttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** What came back: status, headers, and at most 64 KiB of body text. */
export interface VerifyHttpReply {
  status: number;
  headers: Headers;
  text: string;
}

/** The I/O a verifier may use; every call goes through the run's guard, scheduler and timeouts. */
export interface VerifyIo {
  /**
   * Sends `call` when its host is one of `allowedHosts` (exact names, or RegExps for a name
   * the secret itself selects, such as Mailchimp's data centre). A refused host, a timeout
   * or a network failure resolves to a Verification instead of a reply.
   */
  http(allowedHosts: ReadonlyArray<string | RegExp>, call: VerifyHttpCall): Promise<VerifyHttpReply | FindingVerification>;
  /** `--verify-private`: database verifiers may connect to loopback and private addresses. */
  allowPrivate: boolean;
  /** Extra hosts from `.unleak.yaml` `verify.hosts` (self-hosted GitHub and GitLab). */
  extraHosts: Readonly<Record<string, readonly string[]>>;
  /** Milliseconds a single call (HTTP request or database login) may take. */
  callTimeoutMs(): number;
  /** Runs a non-HTTP check (a database login) under the run's concurrency bound and deadline. */
  slot<T>(host: string, work: () => Promise<T>): Promise<T | FindingVerification>;
}

/** A verifier: which rules it serves, the doc it was written from, and the check. */
export interface Verifier {
  /** Stable id, also the cache namespace: a result is never reused across verifiers. */
  id: string;
  /** Rule ids whose findings it verifies. */
  ruleIds: readonly string[];
  /** Rotation provider ids it answers for in `verifyValue` (src/rotate registry ids). */
  providers?: readonly string[];
  /** Rule ids of the other half of a paired credential, looked up near the finding. */
  companionRuleIds?: readonly string[];
  /** `connection-url`: it takes the whole connection string around a finding's password, not the password alone. */
  input?: 'connection-url';
  /** The public doc of the endpoint (or protocol) it calls. */
  doc: string;
  verify(input: VerifyInput, io: VerifyIo): Promise<FindingVerification>;
}

/** True when `value` is a Verification rather than an HTTP reply. */
export function isVerification(value: unknown): value is FindingVerification {
  return typeof value === 'object' && value !== null && 'status' in value && 'reason' in value && !('headers' in value);
}
