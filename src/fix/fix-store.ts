import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { auditLogPath, createStore, openStore, resolveStoreFile, UNLEAK_DIR, updateStore, type StoreAccess } from '../store/index.js';
import { sha256 } from './text-edits.js';
import type { PlannedEntry } from './types.js';

/**
 * What a fix needs of the encrypted store, small enough to fake in tests: whether it exists, the
 * hashes of the values it holds (for naming), creating it, and writing the planned entries.
 */
export interface FixStore {
  /** The store file, relative to the repository root when inside it. */
  readonly label: string;
  /** Every file a create or write may change (absolute), so the fix can snapshot and restore them. */
  files(): string[];
  exists(): Promise<boolean>;
  /** Entry name → sha256 of its value; empty when the store does not exist. */
  existing(): Promise<Map<string, string>>;
  /** Creates the empty store, encrypted to `recipient`. */
  create(recipient: string): Promise<void>;
  /**
   * Writes the entries in one change: a value with its metadata (fingerprint, leaked, the rotation
   * provider and account, source); a composed entry (a template, no secret) marked `composed`.
   */
  write(entries: PlannedEntry[]): Promise<void>;
}

/** The real store of `access` (src/store), as a FixStore. */
export function repositoryStore(access: StoreAccess): FixStore {
  const file = resolveStoreFile(access);
  const relative = file.startsWith(`${access.root}/`) ? file.slice(access.root.length + 1) : file;
  return {
    label: relative,
    files: () => [file, auditLogPath(access.root), join(access.root, UNLEAK_DIR, '.gitignore')],
    exists: () =>
      stat(file).then(
        () => true,
        () => false,
      ),
    async existing() {
      if (!(await this.exists())) return new Map();
      const store = await openStore(access);
      return new Map([...store.values()].map(([name, value]) => [name, sha256(value)]));
    },
    async create(recipient) {
      await createStore({ root: access.root, env: access.env, file: access.file, recipients: [recipient], actor: access.actor });
    },
    async write(entries) {
      await updateStore(access, (store) => {
        for (const entry of entries) {
          if (entry.kind === 'composed' || entry.composedOf) {
            if (!entry.reused) store.set(entry.name, entry.value, { composed: true, source: `fix:${entry.source}`, action: 'fix' });
            continue;
          }
          const known = entry.reused ? store.list().find((e) => e.name === entry.name)?.meta : undefined;
          const rotation = {
            ...(entry.provider && !known?.provider ? { provider: entry.provider } : {}),
            ...(entry.target && !known?.target ? { target: entry.target } : {}),
          };
          const meta = { fingerprint: entry.fingerprints[0], leaked: true, ...rotation, source: `fix:${entry.source}` };
          if (entry.reused) store.updateMeta(entry.name, { fingerprint: meta.fingerprint, leaked: true, ...rotation }, 'fix');
          else store.set(entry.name, entry.value, { ...meta, action: 'fix' });
        }
      });
    },
  };
}
