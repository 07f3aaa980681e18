import { UnleakError } from '../errors.js';
import type { RotationAuditEvent, RotationEntry, RotationStore } from './rotation-store.js';

/** A RotationStore in memory (tests, and embedding the protocol without the encrypted store). */
export class MemoryRotationStore implements RotationStore {
  readonly auditTrail: RotationAuditEvent[] = [];
  private readonly items = new Map<string, RotationEntry>();

  constructor(entries: RotationEntry[] = [], private readonly now: () => Date = () => new Date()) {
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

  async stage(name: string, value: string, expected: string, info: { provider: string; at: Date }): Promise<void> {
    const entry = this.require(name);
    if (entry.value !== expected) throw new UnleakError('UNLEAK_ROTATION_CONFLICT', `${name} changed while it was being rotated`);
    this.items.set(name, { ...entry, previous: entry.value, value, provider: info.provider, rotatedAt: info.at.toISOString() });
    this.auditTrail.push({ action: 'rotate', secret: name });
  }

  async commit(name: string, info: { provider: string }): Promise<void> {
    const { previous: _previous, ...entry } = this.require(name);
    this.items.set(name, { ...entry, provider: info.provider, rotatedAt: this.now().toISOString(), leaked: false });
    this.auditTrail.push({ action: 'commit-rotation', secret: name });
  }

  async restore(name: string, info: { rotatedAt?: string }): Promise<void> {
    const entry = this.require(name);
    if (entry.previous === undefined) throw new UnleakError('UNLEAK_NO_PREVIOUS', `${name} has no previous value`);
    const { previous, ...rest } = entry;
    this.items.set(name, { ...rest, value: previous, rotatedAt: info.rotatedAt });
    this.auditTrail.push({ action: 'restore', secret: name });
  }

  async audit(events: RotationAuditEvent[]): Promise<void> {
    this.auditTrail.push(...events);
  }

  private require(name: string): RotationEntry {
    const entry = this.items.get(name);
    if (!entry) throw new UnleakError('UNLEAK_SECRET_NOT_FOUND', `no secret named ${name}`);
    return entry;
  }
}
