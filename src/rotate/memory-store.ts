import { UnleakError } from '../errors.js';
import type { RotationVerification } from './live-check.js';
import type { HolderChange, RotationAuditEvent, RotationEntry, RotationStore } from './rotation-store.js';

/** A RotationStore in memory (tests, and embedding the protocol without the encrypted store). */
export class MemoryRotationStore implements RotationStore {
  readonly auditTrail: RotationAuditEvent[] = [];
  private readonly items = new Map<string, RotationEntry>();

  constructor(
    entries: RotationEntry[] = [],
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const entry of entries) this.items.set(entry.name, { ...entry });
  }

  /** The entry as stored now (a copy). */
  get(name: string): RotationEntry | undefined {
    const entry = this.items.get(name);
    return entry ? { ...entry } : undefined;
  }

  async entries(): Promise<RotationEntry[]> {
    return [...this.items.values()].map((entry) => ({ ...entry }));
  }

  async savePending(changes: HolderChange[], info: { provider: string }): Promise<void> {
    const next = changes.map((change) => {
      const entry = this.expect(change);
      if (entry.previous !== undefined || entry.pending !== undefined)
        throw new UnleakError('UNLEAK_ROTATION_PENDING', `${change.name} is already in a rotation`);
      return { ...entry, pending: change.value };
    });
    for (const entry of next) this.items.set(entry.name, entry);
    this.auditTrail.push(
      ...changes.map((change) => ({ action: 'rotate-pending', secret: change.name, detail: `provider=${info.provider}` })),
    );
  }

  async dropPending(names: string[]): Promise<void> {
    for (const name of names) {
      const { pending: _pending, ...entry } = this.require(name);
      this.items.set(name, entry);
    }
  }

  async stage(changes: HolderChange[], info: { provider: string; at: Date }): Promise<void> {
    const next = changes.map((change) => {
      const { pending: _pending, lastVerification: _verification, ...entry } = this.expect(change);
      return { ...entry, previous: entry.value, value: change.value, provider: info.provider, rotatedAt: info.at.toISOString() };
    });
    for (const entry of next) this.items.set(entry.name, entry);
    this.auditTrail.push(...changes.map((change) => ({ action: 'rotate', secret: change.name })));
  }

  async commit(names: string[], info: { provider: string }): Promise<void> {
    for (const name of names) {
      const { previous: _previous, ...entry } = this.require(name);
      this.items.set(name, { ...entry, provider: info.provider, rotatedAt: this.now().toISOString(), leaked: false });
      this.auditTrail.push({ action: 'commit-rotation', secret: name });
    }
  }

  async restore(entries: Array<{ name: string; rotatedAt?: string }>): Promise<void> {
    const next = entries.map(({ name, rotatedAt }) => {
      const entry = this.require(name);
      if (entry.previous === undefined) throw new UnleakError('UNLEAK_NO_PREVIOUS', `${name} has no previous value`);
      const { previous, ...rest } = entry;
      return { ...rest, value: previous, rotatedAt };
    });
    for (const entry of next) this.items.set(entry.name, entry);
    this.auditTrail.push(...entries.map(({ name }) => ({ action: 'restore', secret: name })));
  }

  async audit(events: RotationAuditEvent[]): Promise<void> {
    this.auditTrail.push(...events);
  }

  async recordVerification(names: string[], verification: RotationVerification): Promise<void> {
    for (const name of names) this.items.set(name, { ...this.require(name), lastVerification: verification });
  }

  private expect(change: HolderChange): RotationEntry {
    const entry = this.require(change.name);
    if (entry.value !== change.expected)
      throw new UnleakError('UNLEAK_ROTATION_CONFLICT', `${change.name} changed while it was being rotated`);
    return entry;
  }

  private require(name: string): RotationEntry {
    const entry = this.items.get(name);
    if (!entry) throw new UnleakError('UNLEAK_SECRET_NOT_FOUND', `no secret named ${name}`);
    return entry;
  }
}
