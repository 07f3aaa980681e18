import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../fsutil/index.js';

/**
 * The audit trail, `.unleak/audit.jsonl`: one JSON object per line, one line per store change.
 * Each entry holds the hash of the previous entry (`prev`) and its own hash (`hash`, SHA-256 over
 * its other fields), so an edited, reordered or removed entry breaks the chain. Entries carry
 * names, never values.
 */

/** One line of the audit trail. */
export interface AuditEntry {
  v: 1;
  time: string;
  /** git user.email of whoever made the change. */
  actor: string;
  /** init, set, rm, import, rotate, restore, commit-rotation, recipient-add, recipient-remove, … */
  action: string;
  secret?: string;
  /** The store file, relative to the repository root. */
  store: string;
  /** Extra non-secret context, e.g. the recipient added. */
  detail?: string;
  /**
   * On the last entry of each store write: the resulting file's digest and recipients hash (see
   * store-snapshot.ts), so `audit verify` can check the file against the log.
   */
  storeDigest?: string;
  recipientsHash?: string;
  prev: string;
  hash: string;
}

/** A change to record; the log adds time, actor, store and the chain fields. */
export interface AuditEvent {
  action: string;
  secret?: string;
  detail?: string;
}

/** What a store write records about the file it leaves (on its last entry). */
export interface StoreStamp {
  storeDigest: string;
  recipientsHash: string;
}

/** `prev` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the entry's fields other than `hash`, as JSON with sorted keys. */
export function entryHash(entry: Omit<AuditEntry, 'hash'> | AuditEntry): string {
  const fields = Object.entries(entry)
    .filter(([key, value]) => key !== 'hash' && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify(Object.fromEntries(fields)))
    .digest('hex');
}

/** The lines of the log (without the final empty one); none when the file does not exist. */
export async function readAuditLines(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The hash new entries chain onto: the last entry's `hash`, or a hash of the raw line if it is unreadable. */
export function chainHead(lines: string[]): string {
  const last = lines.at(-1);
  if (last === undefined) return GENESIS_HASH;
  try {
    const parsed = JSON.parse(last) as { hash?: unknown };
    if (typeof parsed.hash === 'string') return parsed.hash;
  } catch {
    // fall through: chain onto the damaged line as it is, so verify still reports it
  }
  return createHash('sha256').update(last).digest('hex');
}

/**
 * Appends entries for `events` (caller holds the audit lock); the last one carries `snapshot` when
 * given. The file is rewritten atomically so a crash never leaves half a line. Returns the new
 * entries; the last one's hash is the new head.
 */
export async function appendAuditEntries(
  path: string,
  events: AuditEvent[],
  context: { actor: string; store: string; now: Date; snapshot?: StoreStamp },
): Promise<AuditEntry[]> {
  const lines = await readAuditLines(path);
  let prev = chainHead(lines);
  const time = context.now.toISOString();
  const entries = events.map((event, index) => {
    const stamp = index === events.length - 1 ? context.snapshot : undefined;
    const body: Omit<AuditEntry, 'hash'> = {
      v: 1,
      time,
      actor: context.actor,
      action: event.action,
      secret: event.secret,
      store: context.store,
      detail: event.detail,
      ...stamp,
      prev,
    };
    const entry: AuditEntry = { ...body, hash: entryHash(body) };
    prev = entry.hash;
    return entry;
  });
  if (entries.length === 0) return entries;
  await mkdir(dirname(path), { recursive: true });
  const added = entries.map((entry) => JSON.stringify(entry));
  await writeFileAtomic(path, `${[...lines, ...added].join('\n')}\n`);
  return entries;
}
