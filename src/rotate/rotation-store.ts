/**
 * The little the rotation protocol needs from a store, so that it can be driven (and tested)
 * without the encrypted store: secret-store-adapter.ts maps it onto src/store, memory-store.ts
 * keeps it in memory.
 */

/** One store entry as the protocol sees it. Values stay in memory; they are never printed. */
export interface RotationEntry {
  name: string;
  value: string;
  /** The value kept while a rotation is in progress (grace period, or an interrupted rotation). */
  previous?: string;
  provider?: string;
  /** ISO times from the store metadata. */
  createdAt?: string;
  rotatedAt?: string;
  leaked?: boolean;
}

/** A line for the audit trail: names and details, never values. */
export interface RotationAuditEvent {
  action: string;
  secret?: string;
  detail?: string;
}

/** What the protocol does to a store. Each method writes at once (and appends to the audit trail). */
export interface RotationStore {
  /** Every entry, with values. */
  entries(): Promise<RotationEntry[]>;
  /**
   * Step "store": `value` becomes current and the current value is kept as previous; `rotatedAt`
   * and `provider` are recorded. Fails, changing nothing, if the current value is no longer `expected`.
   */
  stage(name: string, value: string, expected: string, info: { provider: string; at: Date }): Promise<void>;
  /** Ends a rotation: forgets the previous value, stamps rotatedAt, clears `leaked`. */
  commit(name: string, info: { provider: string }): Promise<void>;
  /** Undoes `stage`: the previous value is current again, with the rotatedAt it had before. */
  restore(name: string, info: { rotatedAt?: string }): Promise<void>;
  /** Appends events to the audit trail. */
  audit(events: RotationAuditEvent[]): Promise<void>;
}
