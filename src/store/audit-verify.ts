import { z } from 'zod';
import { entryHash, GENESIS_HASH, type AuditEntry } from './audit-log.js';

/**
 * Checks the audit trail: every line parses, every entry's hash matches its content, every entry
 * points at the one before it, and every store's recorded head is still in the log (which catches
 * entries removed from the end).
 */

const entrySchema = z.object({
  v: z.literal(1),
  time: z.string(),
  actor: z.string(),
  action: z.string(),
  secret: z.string().optional(),
  store: z.string(),
  detail: z.string().optional(),
  prev: z.string(),
  hash: z.string(),
});

/** The audit head a store file recorded when it was last written. */
export interface AuditAnchor {
  store: string;
  hash: string;
}

/** The outcome of a verification: the readable entries and every problem found (empty when intact). */
export interface AuditVerification {
  entries: AuditEntry[];
  problems: string[];
}

/** Verifies the lines of the log against the chain rules and the stores' anchors. */
export function verifyAuditLines(lines: string[], anchors: AuditAnchor[]): AuditVerification {
  const entries: AuditEntry[] = [];
  const problems: string[] = [];
  const hashes = new Set<string>();
  let expectedPrev = GENESIS_HASH;
  for (const [index, line] of lines.entries()) {
    const where = `line ${index + 1}`;
    let entry: AuditEntry;
    try {
      const parsed = entrySchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error('shape');
      entry = parsed.data as AuditEntry;
    } catch {
      problems.push(`${where}: not a valid audit entry (edited or damaged)`);
      expectedPrev = '';
      continue;
    }
    entries.push(entry);
    if (entryHash(entry) !== entry.hash) problems.push(`${where}: entry was edited (its content does not match its hash)`);
    if (expectedPrev !== '' && entry.prev !== expectedPrev) {
      problems.push(`${where}: chain broken: ${index === 0 ? 'entries before it were removed' : 'the entry before it was removed, reordered or edited'}`);
    }
    hashes.add(entry.hash);
    expectedPrev = entry.hash;
  }
  for (const anchor of anchors) {
    if (!hashes.has(anchor.hash)) problems.push(`${anchor.store}: its last audit entry is missing from the log (entries were removed)`);
  }
  return { entries, problems };
}
