import type { z } from 'zod';
import type { ExecFn } from './exec.js';
import type { LiveVerifier } from './live-check.js';
import type { AmqpLoginFn } from './providers/amqp-login.js';
import type { MysqlConnect } from './providers/mysql-client.js';
import type { PostgresConnect } from './providers/postgres-client.js';
import type { RedisConnect } from './providers/redis-client.js';
import type { RotationTarget } from './rotation-store.js';

/**
 * The rotation provider contract (DESIGN.md §3). A provider replaces one kind of credential at
 * its source. The protocol (protocol.ts) drives every provider the same way:
 *
 *   prepare value = await provider.prepare?.(ctx)    the new value, chosen before anything changes
 *           (saved in the store as pending)          (generated, or asked of the user)
 *   create  handle = await provider.rotate({ ...ctx, newValue })
 *                                                    the new credential exists; the old one still
 *                                                    works wherever the system allows two
 *   store   the store holds handle.newValue, the old value kept as previous
 *   test    await handle.test()                      the new credential works against the system
 *   revoke  await handle.commit()                    the old credential is revoked (and, where the
 *                                                    system can tell, checked to be refused)
 *
 * Any failure calls handle.rollback(), which undoes whatever was done so far (including a
 * half-done commit), so that the old credential works again. Providers never print or return
 * a secret anywhere but `newValue`.
 */

/** What a provider is asked to match: a store entry (name and metadata) or a scan finding. */
export interface RotationSubject {
  name: string;
  /** Provider id recorded in the store metadata or in a rule's `provider` field. */
  provider?: string;
  /** Rule id of the finding the value came from (e.g. `github-classic-pat`). */
  ruleId?: string;
  /** The value itself, when known (matching by shape, e.g. `postgres://…`). */
  value?: string;
  /** Where the credential lives, as `unleak fix` recorded it (matching by `target.scheme`). */
  target?: RotationTarget;
}

/** Runs a shell-free child process; see exec.ts. */
export type { ExecFn } from './exec.js';

/**
 * How a provider reaches its system. The one way providers get their I/O: every network client or
 * child process comes from here, never from an import (`rotationClients` holds the real ones).
 */
export interface RotationClients {
  fetch: typeof fetch;
  exec: ExecFn;
  /** Logs in to an AMQP 0-9-1 broker; `ok` when the credential is accepted. */
  amqpLogin: AmqpLoginFn;
  connectPostgres: PostgresConnect;
  connectMysql: MysqlConnect;
  connectRedis: RedisConnect;
}

/** The outside world a provider may touch; tests pass their own pieces. */
export interface RotationIo extends RotationClients {
  env: NodeJS.ProcessEnv;
  /** Working directory for relative paths in provider config (scripts, modules). */
  cwd: string;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  randomBytes: (size: number) => Buffer;
  /**
   * Asks the user for a value the provider cannot create itself (a GitHub token made in the web
   * UI). Undefined when nobody can be asked (no terminal): the provider then fails with a hint.
   */
  askSecret?: (question: string) => Promise<string>;
  /** A progress line for the user (stderr). Never a secret. */
  log: (line: string) => void;
  /**
   * True once the user asked to stop (SIGINT/SIGTERM): the protocol stops at the next point where
   * the store and the provider agree, never between a provider change and the store write.
   */
  stopRequested?: () => boolean;
  /**
   * Live verification (src/verify's `verifyValue`, injected by the CLI): after a rotation the old
   * credential is checked to be refused and the new one live, and both answers are recorded.
   * Unset: no verification (nothing is recorded). Providers do not call it.
   */
  verifyLive?: LiveVerifier;
  /** Called at each protocol checkpoint (tests pause here, see src/cli/rotate/rotate-signals.ts). */
  checkpoint?: (step: RotationCheckpoint) => Promise<void>;
}

/**
 * The points of a rotation where a test may pause it: after the pending value is saved, after
 * the provider accepted the change, after the store write, after the test, after the revocation.
 */
export type RotationCheckpoint = 'pending-saved' | 'provider-changed' | 'staged' | 'tested' | 'revoked';

/** Everything a provider gets for one rotation. */
export interface RotationContext<Options = Record<string, unknown>> {
  /** Store entry name, e.g. DATABASE_URL. */
  name: string;
  /** The value in the store now: the credential to replace. */
  currentValue: string;
  /** The provider's options: `providers.<id>` merged with `rotation.secrets.<NAME>`, validated. */
  options: Options;
  /** How long the old credential may stay alive after the new one passed its test (ms; 0 = revoke at once). */
  graceMs: number;
  io: RotationIo;
  /**
   * The new value from `prepare`, already saved in the store as pending: `rotate` must set exactly
   * this value. Undefined for providers without `prepare` (the system makes the value).
   */
  newValue?: string;
}

/** Context for revoking a value kept through a grace period (or after an interrupted rotation). */
export interface RevokeContext<Options = Record<string, unknown>> extends RotationContext<Options> {
  /** The value to revoke; `currentValue` is its replacement, already tested. */
  previousValue: string;
}

/** What `rotate` returns once the new credential exists. */
export interface RotationHandle {
  readonly newValue: string;
  /** Checks the new credential works against the real system. */
  test(): Promise<void>;
  /** Revokes the old credential (step "revoke"). */
  commit(): Promise<void>;
  /** Undoes everything done so far; safe to call at any point, and more than once. */
  rollback(): Promise<void>;
  /** Non-secret remarks for the user (e.g. "the old key expires at …"). */
  readonly notes?: string[];
  /**
   * True when the old credential still works after create (two live credentials), so that a grace
   * period can delay the revocation. Default: the provider's `dualCredentials`.
   */
  readonly oldStillWorks?: boolean;
}

/** A rotation provider: one file each under providers/, registered by id in registry.ts. */
export interface RotationProvider<Options = Record<string, unknown>> {
  /** Registry id, e.g. `postgres`; also what the store records in `meta.provider`. */
  readonly id: string;
  /** One line for `unleak status` and `--dry-run`. */
  readonly title: string;
  /** The public documentation the provider was written from. */
  readonly docs: string;
  /** True when the system lets the old and new credential work side by side (grace periods). */
  readonly dualCredentials: boolean;
  /** Validates `providers.<id>` / `rotation.secrets.<NAME>` options (without `provider`, `maxAge`, `grace`). */
  readonly options: z.ZodType<Options>;
  /** True when this provider knows how to rotate the subject (by provider id, rule id or value shape). */
  matches(subject: RotationSubject): boolean;
  /** The steps a rotation would take, for `--dry-run`: no I/O but reading `io.env`. */
  plan(ctx: RotationContext<Options>): string[];
  /**
   * Checks the value and options as `rotate` would (a malformed URL, a missing admin variable),
   * throwing the same errors; no I/O but reading `io.env`. Run by `--dry-run` and before `prepare`.
   */
  check?(ctx: RotationContext<Options>): void;
  /**
   * Step "prepare": the new value, before anything changes at the provider (a generated password,
   * or one the user made). The protocol saves it as pending, so an interrupted rotation never loses
   * it. Providers whose system makes the value (an API returns a new key) have no prepare, or
   * return undefined; the protocol saves their value the moment `rotate` returns, with signals held off.
   */
  prepare?(ctx: RotationContext<Options>): Promise<string | undefined>;
  /**
   * For credentials no API can rotate (a Slack incoming-webhook URL): the steps to rotate it by hand.
   * When it returns steps, `rotate` does nothing but print them (outcome `manual`, exit 1).
   */
  manualSteps?(ctx: RotationContext<Options>): string[] | undefined;
  /** Step "create": makes the new credential. */
  rotate(ctx: RotationContext<Options>): Promise<RotationHandle>;
  /** Checks that `value` works against the system (used by `rotate --finish`). */
  verify(ctx: RotationContext<Options>, value: string): Promise<void>;
  /** Revokes `ctx.previousValue` once its grace period is over (used by `rotate --finish`). */
  revokePrevious(ctx: RevokeContext<Options>): Promise<void>;
}
