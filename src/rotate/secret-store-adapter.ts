import { UnleakError } from '../errors.js';
import { openStore, recordAuditEvents, resolveStoreFile, updateStore, type SecretStore, type StoreAccess } from '../store/index.js';
import type { HolderChange, RotationAuditEvent, RotationEntry, RotationStore } from './rotation-store.js';
import { composedParts } from './status.js';

/**
 * The rotation protocol's store on top of the encrypted store (src/store): each step is one
 * locked, atomic `updateStore` over every entry it names (which appends its own audit entries:
 * rotate-pending, rotate, commit-rotation, restore), and the protocol's other steps go to the
 * same audit trail.
 */

function expectHolds(store: SecretStore, change: HolderChange): void {
  if (store.get(change.name) !== change.expected)
    throw new UnleakError('UNLEAK_ROTATION_CONFLICT', `${change.name} changed in the store while it was being rotated`, {
      hint: 'Run the rotation again.',
    });
}

/** Clears `leaked` on templates built from the rotated entries once none of their parts is still leaked. */
function clearComposedLeaks(store: SecretStore, rotated: string[]): void {
  const entries = store.list();
  const leaked = new Set(entries.filter((entry) => entry.meta?.leaked).map((entry) => entry.name));
  for (const entry of entries) {
    if (!entry.meta?.composed || !entry.meta.leaked) continue;
    const parts = composedParts(store.get(entry.name));
    if (parts.some((part) => rotated.includes(part)) && parts.every((part) => !leaked.has(part)))
      store.updateMeta(entry.name, { leaked: false }, 'rotate-composed');
  }
}

/** The RotationStore over an encrypted store. */
export function encryptedRotationStore(access: StoreAccess): RotationStore {
  return {
    async entries(): Promise<RotationEntry[]> {
      const store = await openStore(access);
      return store.list().map((entry) => ({
        name: entry.name,
        value: store.get(entry.name),
        previous: store.getPrevious(entry.name),
        pending: store.getPending(entry.name),
        provider: entry.meta?.provider,
        createdAt: entry.meta?.createdAt,
        rotatedAt: entry.meta?.rotatedAt,
        leaked: entry.meta?.leaked,
        target: entry.meta?.target,
        composed: entry.meta?.composed,
        lastVerification: entry.meta?.lastVerification,
      }));
    },
    async savePending(changes, info) {
      await updateStore(access, (store) => {
        for (const change of changes) {
          expectHolds(store, change);
          if (store.getPrevious(change.name) !== undefined || store.getPending(change.name) !== undefined) {
            throw new UnleakError('UNLEAK_ROTATION_PENDING', `${change.name} is already in a rotation`, {
              hint: `unleak rotate --finish ${change.name}`,
            });
          }
          store.setPending(change.name, change.value, `provider=${info.provider}`);
        }
      });
    },
    async dropPending(names) {
      await updateStore(access, (store) => {
        for (const name of names) store.clearPending(name);
      });
    },
    async stage(changes, info) {
      await updateStore(access, (store) => {
        for (const change of changes) {
          expectHolds(store, change);
          if (store.getPrevious(change.name) !== undefined)
            throw new UnleakError('UNLEAK_ROTATION_PENDING', `${change.name} already keeps a previous value`, {
              hint: `unleak rotate --finish ${change.name}`,
            });
          store.set(change.name, change.value, {
            keepPrevious: true,
            rotatedAt: info.at.toISOString(),
            provider: info.provider,
            action: 'rotate',
            detail: `provider=${info.provider}`,
          });
          store.clearPending(change.name, 'rotate-pending-promoted');
        }
      });
    },
    async commit(names, info) {
      await updateStore(access, (store) => {
        for (const name of names) {
          store.commitRotation(name);
          if (store.list().find((entry) => entry.name === name)?.meta?.provider !== info.provider)
            store.updateMeta(name, { provider: info.provider }, 'rotate-provider');
        }
        clearComposedLeaks(store, names);
      });
    },
    async restore(entries) {
      await updateStore(access, (store) => {
        for (const { name, rotatedAt } of entries) {
          store.restorePrevious(name);
          store.updateMeta(name, { rotatedAt }, 'rotate-restore-meta');
        }
      });
    },
    async recordVerification(names, verification) {
      await updateStore(access, (store) => {
        for (const name of names) store.updateMeta(name, { lastVerification: verification }, 'rotate-verification');
      });
    },
    async audit(events: RotationAuditEvent[]) {
      await recordAuditEvents(access.root, resolveStoreFile(access), events, { actor: access.actor, now: access.now?.() });
    },
  };
}
