import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { appendAuditEntries, type AuditEvent } from './audit-log.js';
import { writeFileAtomic, removeStaleTempFiles } from '../fsutil/index.js';
import { assertRecipient, newDataKey } from './age-data-key.js';
import { resolveActor } from './git-info.js';
import type { AgeIdentity } from './identity-file.js';
import { AUDIT_ANCHOR_KEY } from './secret-layout.js';
import { SecretStore } from './secret-store.js';
import { formatOfPath } from './sops-formats.js';
import { encodeStoreFile, newStoreMetadata, readRecipients, readStoreFile } from './store-file.js';
import { storeExists, storeNotFound, storeReadOnly } from './store-errors.js';
import { snapshotOfText } from './store-snapshot.js';
import { withLock } from './store-lock.js';
import { auditLogPath, DEFAULT_ENV, lockPathFor, storeFilePath, UNLEAK_DIR, UNLEAK_GITIGNORE } from './store-paths.js';

/**
 * Opening, creating and changing a store. A change runs under the store's lock: read the file
 * fresh, apply the change, encode it, append the audit entries (the last one records the new
 * file's digest and recipients), then write the file atomically with the new audit head inside
 * it. If the change throws, nothing is written.
 */

/** Which store: the environment's file under `<root>/.unleak/`, or an explicit `file`. */
export interface StoreLocation {
  /** Repository root (holds `.unleak/`). */
  root: string;
  /** Environment name (default `default`). Ignored when `file` is given. */
  env?: string;
  /** An explicit store file, absolute or relative to `root`. */
  file?: string;
}

/** Everything needed to open or change a store. */
export interface StoreAccess extends StoreLocation {
  /** Identities to decrypt with (see findIdentities). */
  identities: AgeIdentity[];
  /** Places searched for identities, for the error when there are none. */
  searched?: string[];
  /** Audit actor; default: git user.email of `root`. */
  actor?: string;
  /** Clock, for tests. */
  now?: () => Date;
  /** How long to wait for another process's lock (default 10 s). */
  lockTimeoutMs?: number;
}

/** The absolute path of the store file a location names. */
export function resolveStoreFile(location: StoreLocation): string {
  if (location.file !== undefined) return isAbsolute(location.file) ? location.file : resolve(location.root, location.file);
  return storeFilePath(location.root, location.env ?? DEFAULT_ENV);
}

/** Opens a store for reading: decrypts it and verifies its MAC. */
export async function openStore(access: StoreAccess): Promise<SecretStore> {
  return readStoreFile(resolveStoreFile(access), access.identities, { env: envOf(access), searched: access.searched, now: access.now });
}

/** The recipients of a store, read without decrypting it (no identity needed). */
export async function storeRecipients(location: StoreLocation): Promise<string[]> {
  return readRecipients(resolveStoreFile(location), envOf(location));
}

/** Creates a new, empty store encrypted to `recipients`; refuses if the file exists. */
export async function createStore(
  location: StoreLocation & { recipients: string[]; actor?: string; now?: () => Date; lockTimeoutMs?: number },
): Promise<string> {
  const file = resolveStoreFile(location);
  if (formatOfPath(file) !== 'json') throw storeReadOnly(file, 'unleak creates JSON-flavour stores only (name it *.json)');
  const recipients = [...new Set(location.recipients)];
  recipients.forEach(assertRecipient);
  await ensureUnleakDir(location.root, file);
  await withLock(
    lockPathFor(file),
    async () => {
      if (await exists(file)) throw storeExists(file);
      const now = location.now ?? (() => new Date());
      const store = new SecretStore({
        file,
        format: 'json',
        plain: new Map(),
        metadata: newStoreMetadata(),
        dataKey: newDataKey(),
        cache: new Map(),
        stanzas: new Map(),
        recipients,
        now,
      });
      store.recordEvent({ action: 'init', detail: recipients.join(' ') });
      await commit(store, location, location.actor);
    },
    location.lockTimeoutMs,
  );
  return file;
}

/**
 * Changes a store: `change` receives the freshly read store and may call set/remove/recipient
 * methods; the result is written (with audit entries) only if it made changes and did not throw.
 */
export async function updateStore<T>(access: StoreAccess, change: (store: SecretStore) => T | Promise<T>): Promise<T> {
  const file = resolveStoreFile(access);
  if (formatOfPath(file) !== 'json')
    throw storeReadOnly(file, `it is a ${formatOfPath(file)} SOPS file; unleak writes the JSON flavour only`);
  if (!(await exists(file))) throw storeNotFound(file, envOf(access));
  return withLock(
    lockPathFor(file),
    async () => {
      await removeStaleTempFiles(file);
      const store = await openStore(access);
      const result = await change(store);
      await commit(store, access, access.actor);
      return result;
    },
    access.lockTimeoutMs,
  );
}

async function commit(
  store: SecretStore,
  location: StoreLocation & { now?: () => Date; lockTimeoutMs?: number },
  actor: string | undefined,
): Promise<void> {
  const events: AuditEvent[] = store.takeEvents();
  if (events.length === 0) return;
  const auditFile = auditLogPath(location.root);
  await mkdir(dirname(auditFile), { recursive: true });
  await withLock(
    lockPathFor(auditFile),
    async () => {
      await removeStaleTempFiles(auditFile);
      const draft = snapshotOfText(await encodeStoreFile(store), 'json');
      const entries = await appendAuditEntries(auditFile, events, {
        actor: actor ?? (await resolveActor(location.root, process.env)),
        store: relative(location.root, store.file) || store.file,
        now: (location.now ?? (() => new Date()))(),
        snapshot: { storeDigest: draft.storeDigest, recipientsHash: draft.recipientsHash },
      });
      const head = entries.at(-1);
      if (head) store.state.plain.set(AUDIT_ANCHOR_KEY, head.hash);
      const text = await encodeStoreFile(store);
      if (snapshotOfText(text, 'json').storeDigest !== draft.storeDigest)
        throw new Error('the store changed between recording and writing it');
      await writeFileAtomic(store.file, text);
    },
    location.lockTimeoutMs,
  );
}

async function ensureUnleakDir(root: string, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const dir = join(root, UNLEAK_DIR);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '.gitignore'), UNLEAK_GITIGNORE, { flag: 'wx' }).catch(() => undefined);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function envOf(location: StoreLocation): string | undefined {
  return location.file === undefined ? (location.env ?? DEFAULT_ENV) : undefined;
}
