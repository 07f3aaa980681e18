import type { RotationVerification } from './live-check.js';

/**
 * The little the rotation protocol needs from a store, so that it can be driven (and tested)
 * without the encrypted store: secret-store-adapter.ts maps it onto src/store, memory-store.ts
 * keeps it in memory.
 */

/** Where a credential lives, as `unleak fix` records it from a connection string (never a password). */
export interface RotationTarget {
  host?: string;
  port?: number;
  user?: string;
  database?: string;
  scheme?: string;
}

/** One store entry as the protocol sees it. Values stay in memory; they are never printed. */
export interface RotationEntry {
  name: string;
  value: string;
  /** The value kept while a rotation is in progress (grace period, or an interrupted rotation). */
  previous?: string;
  /** A rotation's new value, saved before the provider changed anything (an interrupted rotation). */
  pending?: string;
  provider?: string;
  /** ISO times from the store metadata. */
  createdAt?: string;
  rotatedAt?: string;
  leaked?: boolean;
  target?: RotationTarget;
  /** A template of other entries (`postgres://app:${DB_PASSWORD}@db/app`): it holds no credential of its own. */
  composed?: boolean;
  /** The last live verification `unleak rotate` recorded for the value (statuses and reasons only). */
  lastVerification?: RotationVerification;
}

/** A line for the audit trail: names and details, never values. */
export interface RotationAuditEvent {
  action: string;
  secret?: string;
  detail?: string;
}

/** One entry's part in a rotation: its new value, and the value it must still hold. */
export interface HolderChange {
  name: string;
  value: string;
  expected: string;
}

/**
 * What the protocol does to a store. Each method is one write (all its entries or none, with audit
 * entries); entries holding the same credential change together.
 */
export interface RotationStore {
  /** Every entry, with values. */
  entries(): Promise<RotationEntry[]>;
  /**
   * Before the provider changes anything: saves each new value as pending (encrypted), the current
   * value staying current. Fails, changing nothing, if an entry no longer holds `expected` or is
   * already in a rotation.
   */
  savePending(changes: HolderChange[], info: { provider: string }): Promise<void>;
  /** Forgets pending values (the provider was not changed, or the change was undone). */
  dropPending(names: string[]): Promise<void>;
  /**
   * Step "store": each `value` becomes current, the current value is kept as previous, pending is
   * dropped; `rotatedAt` and `provider` are recorded. Fails, changing nothing, if an entry no
   * longer holds `expected`.
   */
  stage(changes: HolderChange[], info: { provider: string; at: Date }): Promise<void>;
  /** Ends a rotation: forgets the previous values, stamps rotatedAt, clears `leaked`. */
  commit(names: string[], info: { provider: string }): Promise<void>;
  /** Undoes `stage`: the previous values are current again, with the rotatedAt they had before. */
  restore(entries: Array<{ name: string; rotatedAt?: string }>): Promise<void>;
  /** Appends events to the audit trail. */
  audit(events: RotationAuditEvent[]): Promise<void>;
  /** Records a live verification in the entries' metadata (one write); optional for stores without metadata. */
  recordVerification?(names: string[], verification: RotationVerification): Promise<void>;
}
