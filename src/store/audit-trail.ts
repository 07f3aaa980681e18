import { mkdir, readdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UnleakError } from '../errors.js';
import { appendAuditEntries, readAuditLines, type AuditEntry, type AuditEvent } from './audit-log.js';
import { auditLogRewrites } from './audit-history.js';
import { checkStoreAgainstLog } from './audit-store-check.js';
import { AUDIT_CODES, verifyAuditChain, type AuditVerification } from './audit-verify.js';
import { resolveActor } from './git-info.js';
import type { AgeIdentity } from './identity-file.js';
import { readStoreFile } from './store-file.js';
import { withLock } from './store-lock.js';
import { readStoreSnapshot } from './store-snapshot.js';
import { auditLogPath, lockPathFor, STORE_FILE_NAME, UNLEAK_DIR } from './store-paths.js';

/**
 * The audit trail of a repository as a whole: the log's chain, its committed history (append
 * only), and every store file (every `.unleak/secrets.*.sops.json`, and any other store the log
 * names) against what the log recorded about it. With an identity, each store's SOPS MAC is
 * checked too.
 */

/** Options of {@link verifyAuditTrail}. */
export interface AuditTrailOptions {
  /** Identities to check each store's MAC with (a store none of them opens is noted, not failed). */
  identities?: AgeIdentity[];
  /** Environment for git. */
  env?: NodeJS.ProcessEnv;
}

/** Verifies `.unleak/audit.jsonl` of `root` and the stores against it; problems is empty when intact. */
export async function verifyAuditTrail(root: string, options: AuditTrailOptions = {}): Promise<AuditVerification> {
  const logFile = auditLogPath(root);
  const lines = await readAuditLines(logFile);
  const chain = verifyAuditChain(lines);
  const result: AuditVerification = {
    entries: chain.entries.map(({ entry }) => entry),
    problems: [...chain.problems],
    warnings: [],
    notes: [],
  };
  const history = await auditLogRewrites(root, relative(root, logFile), lines, options.env);
  result.problems.push(...history.problems);
  const stores = new Map<string, string>();
  for (const name of await listStoreFiles(root)) stores.set(join(root, UNLEAK_DIR, name), relative(root, join(root, UNLEAK_DIR, name)));
  for (const { entry } of chain.entries) {
    const file = isAbsolute(entry.store) ? entry.store : resolve(root, entry.store);
    if (!stores.has(file)) stores.set(file, entry.store);
  }
  for (const [file, name] of stores) {
    const snapshot = await readStoreSnapshot(file);
    const check = checkStoreAgainstLog(name, snapshot, chain.entries);
    result.problems.push(...check.problems);
    result.warnings.push(...check.warnings);
    result.notes.push(...check.notes);
    if (typeof snapshot === 'object') await checkMac(file, name, options.identities, result);
  }
  if (!options.identities?.length && stores.size > 0)
    result.notes.push("no age identity: the stores' MACs were not checked (their digests were)");
  return result;
}

async function checkMac(file: string, name: string, identities: AgeIdentity[] | undefined, result: AuditVerification): Promise<void> {
  if (!identities?.length) return;
  try {
    await readStoreFile(file, identities);
  } catch (error) {
    const code = error instanceof UnleakError ? error.code : 'UNLEAK_INTERNAL';
    if (code === 'UNLEAK_IDENTITY_MISMATCH') result.notes.push(`${name}: MAC not checked: none of your identities can decrypt it`);
    else
      result.problems.push(
        `${AUDIT_CODES.tampered}: ${name}: ${code === 'UNLEAK_STORE_MAC_MISMATCH' ? 'MAC mismatch: values were changed without the data key' : `does not decrypt (${code})`}`,
      );
  }
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
export async function recordAuditEvents(
  root: string,
  storeFile: string,
  events: AuditEvent[],
  options: { actor?: string; now?: Date } = {},
): Promise<AuditEntry[]> {
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
