import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AUDIT_ANCHOR_KEY } from './secret-layout.js';
import { formatOfPath, parseSopsFile, type SopsFormat } from './sops-formats.js';
import { leaves } from './sops-tree.js';

/**
 * What the audit trail records about a store file, read without decrypting it:
 *
 * - `storeDigest`: SHA-256 over every value as stored (each ciphertext, each clear metadata
 *   string, with its key path) and the encryption rules, but not the audit anchor (which names
 *   the entry that records the digest) nor the SOPS MAC (which covers the anchor). A value
 *   changed, added or removed changes it; since each ciphertext is authenticated under the data
 *   key, the digest pins the values themselves.
 * - `recipientsHash`: SHA-256 over the sorted age recipients.
 *
 * Each audit entry that changes a store records both, so `audit verify` can tell a store file
 * that was edited, replaced or re-encrypted outside unleak from one written with a log entry.
 */

/** A store file as the audit trail sees it. */
export interface StoreSnapshot {
  /** The hash of the audit entry the file was written with (`unleak.audit_unencrypted`). */
  anchor: string | undefined;
  storeDigest: string;
  recipients: string[];
  recipientsHash: string;
}

/** SHA-256 over the sorted, de-duplicated recipients. */
export function recipientsHash(recipients: Iterable<string>): string {
  return createHash('sha256')
    .update([...new Set(recipients)].sort().join('\n'))
    .digest('hex');
}

/** The snapshot of a store file's text; throws when it does not parse as a SOPS file. */
export function snapshotOfText(text: string, format: SopsFormat): StoreSnapshot {
  const { data, metadata } = parseSopsFile(text, format);
  const values = leaves(data)
    .filter(({ path }) => path[0] !== AUDIT_ANCHOR_KEY)
    .map(({ name, value }) => [name, typeof value, String(value)]);
  const storeDigest = createHash('sha256')
    .update(JSON.stringify({ rules: metadata.rules, values }))
    .digest('hex');
  const anchor = data.get(AUDIT_ANCHOR_KEY);
  const recipients = metadata.age.map((stanza) => stanza.recipient);
  return { anchor: typeof anchor === 'string' ? anchor : undefined, storeDigest, recipients, recipientsHash: recipientsHash(recipients) };
}

/** The snapshot of a store file: `missing` when it does not exist, `unreadable` when it does not parse. */
export async function readStoreSnapshot(file: string): Promise<StoreSnapshot | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    return snapshotOfText(text, formatOfPath(file));
  } catch {
    return 'unreadable';
  }
}
