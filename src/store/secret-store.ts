import { assertRecipient, newDataKey } from './age-data-key.js';
import type { AuditEvent } from './audit-log.js';
import type { SecretEntry, SetSecretOptions, StoreState } from './store-types.js';
import { leaves, shouldEncrypt } from './sops-tree.js';
import { secretNotFound, storeReadOnly } from './store-errors.js';
import { UnleakError } from '../errors.js';
import {
  assertSecretName,
  isInternalKey,
  metaKey,
  parseMeta,
  pendingKey,
  previousKey,
  serializeMeta,
  type SecretMeta,
} from './secret-layout.js';

/**
 * A decrypted store in memory. Reads are free; changes are kept in memory with an audit event
 * each, and are written by `updateStore` (store-session.ts), never by this class.
 */
export class SecretStore {
  private readonly events: AuditEvent[] = [];

  /** @param state The decrypted file; internal to src/store (read it, do not change it from outside). */
  constructor(readonly state: StoreState) {}

  /** The store file. */
  get file(): string {
    return this.state.file;
  }

  /** The age recipients the file is encrypted to. */
  get recipients(): string[] {
    return [...this.state.recipients];
  }

  /** Why unleak will not write this file, or undefined when it will. */
  get readOnlyReason(): string | undefined {
    return this.state.readOnlyReason;
  }

  /** Every secret (every encrypted value; nested ones named `a.b`, list items `a[0]`), without values. */
  list(): SecretEntry[] {
    return this.secretPaths().map(({ name }) => ({
      name,
      meta: parseMeta(this.state.plain.get(metaKey(name))),
      hasPrevious: this.state.plain.has(previousKey(name)),
    }));
  }

  /** True when the store holds the secret. */
  has(name: string): boolean {
    return this.secretPaths().some((entry) => entry.name === name);
  }

  /** The value of a secret; throws UNLEAK_SECRET_NOT_FOUND. */
  get(name: string): string {
    const found = this.secretPaths().find((entry) => entry.name === name);
    if (!found) throw secretNotFound(name, this.file);
    return found.value;
  }

  /** The value kept during a rotation, if any. */
  getPrevious(name: string): string | undefined {
    const value = this.state.plain.get(previousKey(name));
    return typeof value === 'string' ? value : undefined;
  }

  /** A rotation's new value saved before the provider changed anything, if any. */
  getPending(name: string): string | undefined {
    const value = this.state.plain.get(pendingKey(name));
    return typeof value === 'string' ? value : undefined;
  }

  /** Saves (encrypted) the value a rotation is about to set at the provider; the current value stays current. */
  setPending(name: string, value: string, detail?: string): void {
    this.assertWritable();
    this.requireMeta(name);
    this.state.plain.set(pendingKey(name), value);
    this.events.push({ action: 'rotate-pending', secret: name, detail });
  }

  /** Forgets a pending value (the rotation moved it to current, or never changed the provider). */
  clearPending(name: string, action = 'rotate-pending-drop'): void {
    this.assertWritable();
    if (!this.state.plain.delete(pendingKey(name))) return;
    this.events.push({ action, secret: name });
  }

  /** All secrets as name → value, in store order. */
  values(): Map<string, string> {
    return new Map(this.secretPaths().map(({ name, value }) => [name, value]));
  }

  /** Adds or changes a secret and its metadata. */
  set(name: string, value: string, options: SetSecretOptions = {}): void {
    this.assertWritable();
    assertSecretName(name);
    const plain = this.state.plain;
    const current = plain.get(name);
    const old = parseMeta(plain.get(metaKey(name)));
    const now = this.state.now().toISOString();
    const changed = typeof current === 'string' && current !== value;
    if (options.keepPrevious && typeof current === 'string') plain.set(previousKey(name), current);
    const meta: SecretMeta = {
      createdAt: old?.createdAt ?? options.createdAt ?? now,
      rotatedAt: options.rotatedAt ?? (changed && !options.keepPrevious ? now : old?.rotatedAt),
      provider: options.provider ?? old?.provider,
      fingerprint: options.fingerprint ?? old?.fingerprint,
      leaked: options.leaked ?? old?.leaked,
      source: options.source ?? old?.source,
      target: options.target ?? old?.target,
      composed: options.composed ?? old?.composed,
    };
    plain.set(name, value);
    plain.set(metaKey(name), serializeMeta(meta));
    this.events.push({ action: options.action ?? (options.keepPrevious ? 'rotate' : 'set'), secret: name, detail: options.detail });
  }

  /** Changes metadata only (e.g. clears `leaked`). */
  updateMeta(name: string, patch: Partial<SecretMeta>, action = 'meta'): void {
    this.assertWritable();
    const meta = { ...this.requireMeta(name), ...patch };
    this.state.plain.set(metaKey(name), serializeMeta(meta));
    this.events.push({ action, secret: name });
  }

  /** Removes a secret with its previous value and metadata. */
  remove(name: string, action = 'rm'): void {
    this.assertWritable();
    if (!this.state.plain.has(name)) throw secretNotFound(name, this.file);
    for (const key of [name, previousKey(name), pendingKey(name), metaKey(name)]) this.state.plain.delete(key);
    this.events.push({ action, secret: name });
  }

  /** Ends a rotation: forgets the previous value, stamps rotatedAt and clears `leaked`. */
  commitRotation(name: string): void {
    this.assertWritable();
    this.requirePrevious(name);
    this.state.plain.delete(previousKey(name));
    const meta: SecretMeta = { ...this.requireMeta(name), rotatedAt: this.state.now().toISOString(), leaked: false };
    this.state.plain.set(metaKey(name), serializeMeta(meta));
    this.events.push({ action: 'commit-rotation', secret: name });
  }

  /** Undoes a rotation: the previous value becomes current again. */
  restorePrevious(name: string): void {
    this.assertWritable();
    const previous = this.requirePrevious(name);
    this.state.plain.set(name, previous);
    this.state.plain.delete(previousKey(name));
    this.events.push({ action: 'restore', secret: name });
  }

  /** Encrypts the data key to one more recipient; values keep their ciphertext. Returns false if already one. */
  addRecipient(recipient: string): boolean {
    this.assertWritable();
    assertRecipient(recipient);
    if (this.state.recipients.includes(recipient)) return false;
    this.state.recipients.push(recipient);
    this.events.push({ action: 'recipient-add', detail: recipient });
    return true;
  }

  /** Drops a recipient and switches to a new data key, so every value is re-encrypted on write. */
  removeRecipient(recipient: string): void {
    this.assertWritable();
    if (!this.state.recipients.includes(recipient)) {
      throw new UnleakError('UNLEAK_RECIPIENT_UNKNOWN', `${recipient} is not a recipient of ${this.file}`);
    }
    if (this.state.recipients.length === 1) {
      throw new UnleakError('UNLEAK_RECIPIENT_LAST', `${recipient} is the only recipient of ${this.file}`, {
        hint: 'Add the new recipient first, then remove this one.',
      });
    }
    this.state.recipients = this.state.recipients.filter((r) => r !== recipient);
    this.state.dataKey = newDataKey();
    this.state.cache = new Map();
    this.state.stanzas = new Map();
    this.events.push({ action: 'recipient-remove', detail: recipient });
  }

  /** The audit events of the changes made so far, emptying the list. */
  takeEvents(): AuditEvent[] {
    return this.events.splice(0);
  }

  /** Records an extra audit event (used by `store init`). */
  recordEvent(event: AuditEvent): void {
    this.events.push(event);
  }

  private secretPaths(): Array<{ name: string; value: string }> {
    const { plain, metadata } = this.state;
    return leaves(plain)
      .filter(({ path }) => !isInternalKey(path[0] ?? '') && shouldEncrypt(path, metadata.rules))
      .map(({ name, value }) => ({ name, value: String(value) }));
  }

  private requireMeta(name: string): SecretMeta {
    if (!this.state.plain.has(name)) throw secretNotFound(name, this.file);
    return parseMeta(this.state.plain.get(metaKey(name))) ?? { createdAt: this.state.now().toISOString() };
  }

  private requirePrevious(name: string): string {
    const previous = this.getPrevious(name);
    if (previous === undefined) throw new UnleakError('UNLEAK_NO_PREVIOUS', `${name} has no previous value (no rotation in progress)`);
    return previous;
  }

  private assertWritable(): void {
    if (this.state.readOnlyReason) throw storeReadOnly(this.file, this.state.readOnlyReason);
  }
}
