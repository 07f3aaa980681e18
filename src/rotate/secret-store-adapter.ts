import { UnleakError } from '../errors.js';
import { openStore, recordAuditEvents, resolveStoreFile, updateStore, type StoreAccess } from '../store/index.js';
import type { RotationAuditEvent, RotationEntry, RotationStore } from './rotation-store.js';

/**
 * The rotation protocol's store on top of the encrypted store (src/store): each step is one
 * locked, atomic `updateStore` (which appends its own audit entries: rotate, commit-rotation,
 * restore), and the protocol's other steps go to the same audit trail.
 */
export function encryptedRotationStore(access: StoreAccess): RotationStore {
  return {
    async entries(): Promise<RotationEntry[]> {
      const store = await openStore(access);
      return store.list().map((entry) => ({
        name: entry.name,
        value: store.get(entry.name),
        previous: store.getPrevious(entry.name),
        provider: entry.meta?.provider,
        createdAt: entry.meta?.createdAt,
        rotatedAt: entry.meta?.rotatedAt,
        leaked: entry.meta?.leaked,
      }));
    },
    async stage(name, value, expected, info) {
      await updateStore(access, (store) => {
        if (store.get(name) !== expected) throw new UnleakError('UNLEAK_ROTATION_CONFLICT', `${name} changed in the store while it was being rotated`, { hint: 'Run the rotation again.' });
        if (store.getPrevious(name) !== undefined) throw new UnleakError('UNLEAK_ROTATION_PENDING', `${name} already keeps a previous value`, { hint: `unleak rotate --finish ${name}` });
        store.set(name, value, { keepPrevious: true, rotatedAt: info.at.toISOString(), provider: info.provider, action: 'rotate', detail: `provider=${info.provider}` });
      });
    },
    async commit(name, info) {
      await updateStore(access, (store) => {
        store.commitRotation(name);
        if (store.list().find((entry) => entry.name === name)?.meta?.provider !== info.provider) store.updateMeta(name, { provider: info.provider }, 'rotate-provider');
      });
    },
    async restore(name, info) {
      await updateStore(access, (store) => {
        store.restorePrevious(name);
        store.updateMeta(name, { rotatedAt: info.rotatedAt }, 'rotate-restore-meta');
      });
    },
    async audit(events: RotationAuditEvent[]) {
      await recordAuditEvents(access.root, resolveStoreFile(access), events, { actor: access.actor, now: access.now?.() });
    },
  };
}
