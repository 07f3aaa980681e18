import { mkdir, readdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { appendAuditEntries, readAuditLines, type AuditEntry, type AuditEvent } from './audit-log.js';
import { resolveActor } from './git-info.js';
import { withLock } from './store-lock.js';
import { verifyAuditLines, type AuditAnchor, type AuditVerification } from './audit-verify.js';
import { readAuditAnchor } from './store-file.js';
import { auditLogPath, lockPathFor, STORE_FILE_NAME, UNLEAK_DIR } from './store-paths.js';

/**
 * The audit trail of a repository as a whole: the log plus the anchors recorded in the store
 * files (every `.unleak/secrets.*.sops.json`, and any other store the log names).
 */

/** Verifies `.unleak/audit.jsonl` of `root`; problems is empty when the trail is intact. */
export async function verifyAuditTrail(root: string): Promise<AuditVerification> {
  const lines = await readAuditLines(auditLogPath(root));
  const firstPass = verifyAuditLines(lines, []);
  const stores = new Set<string>();
  for (const name of await listStoreFiles(root)) stores.add(join(root, UNLEAK_DIR, name));
  for (const entry of firstPass.entries) stores.add(isAbsolute(entry.store) ? entry.store : resolve(root, entry.store));
  const anchors: AuditAnchor[] = [];
  for (const file of stores) {
    const hash = await readAuditAnchor(file);
    if (hash !== undefined) anchors.push({ store: relative(root, file) || file, hash });
  }
  return verifyAuditLines(lines, anchors);
}

/** The names of the environment store files in `<root>/.unleak/`. */
export async function listStoreFiles(root: string): Promise<string[]> {
  try {
    return (await readdir(join(root, UNLEAK_DIR))).filter((name) => STORE_FILE_NAME.test(name)).sort();
  } catch {
    return [];
  }
}

/**
 * Appends events for a store file to the audit trail outside a store change (e.g. `unleak fix`
 * recording what it rewrote). Store changes made with updateStore are recorded automatically.
 */
export async function recordAuditEvents(root: string, storeFile: string, events: AuditEvent[], options: { actor?: string; now?: Date } = {}): Promise<AuditEntry[]> {
  const auditFile = auditLogPath(root);
  await mkdir(dirname(auditFile), { recursive: true });
  return withLock(lockPathFor(auditFile), async () =>
    appendAuditEntries(auditFile, events, {
      actor: options.actor ?? (await resolveActor(root, process.env)),
      store: relative(root, storeFile) || storeFile,
      now: options.now ?? new Date(),
    }),
  );
}
