import * as z from 'zod';
import type { ErrorCode } from '../errors.js';
import { entryHash, GENESIS_HASH, type AuditEntry } from './audit-log.js';

/**
 * Checks the chain of the audit trail: every line parses, every entry's hash matches its content,
 * and every entry points at the one before it. What the log says about each store file is checked
 * against the files by audit-store-check.ts.
 */

const entrySchema = z.object({
  v: z.literal(1),
  time: z.string(),
  actor: z.string(),
  action: z.string(),
  secret: z.string().optional(),
  store: z.string(),
  detail: z.string().optional(),
  storeDigest: z.string().optional(),
  recipientsHash: z.string().optional(),
  prev: z.string(),
  hash: z.string(),
});

/** An entry with its 1-based line number in the log. */
export interface LocatedEntry {
  entry: AuditEntry;
  line: number;
}

/**
 * The outcome of a verification: the readable entries, every problem found (empty when intact;
 * each starts with a stable code), warnings (suspicious but explainable) and notes (what was not
 * checked, and recorded recipient changes with who made them and when).
 */
export interface AuditVerification {
  entries: AuditEntry[];
  problems: string[];
  warnings: string[];
  notes: string[];
}

/** Problem codes `audit verify` prints; each problem line starts with one. */
export const AUDIT_CODES = {
  chain: 'UNLEAK_AUDIT_CHAIN_BROKEN',
  entryMissing: 'UNLEAK_AUDIT_ENTRY_MISSING',
  rewritten: 'UNLEAK_AUDIT_REWRITTEN',
  tampered: 'UNLEAK_STORE_TAMPERED',
  recipients: 'UNLEAK_STORE_RECIPIENTS_UNRECORDED',
  reinitialised: 'UNLEAK_STORE_REINITIALISED',
  rolledBack: 'UNLEAK_STORE_ROLLED_BACK',
} as const satisfies Record<string, ErrorCode>;

/** Verifies the lines of the log against the chain rules. */
export function verifyAuditChain(lines: string[]): { entries: LocatedEntry[]; problems: string[] } {
  const entries: LocatedEntry[] = [];
  const problems: string[] = [];
  const broken = (text: string) => problems.push(`${AUDIT_CODES.chain}: ${text}`);
  let expectedPrev = GENESIS_HASH;
  for (const [index, line] of lines.entries()) {
    const where = `line ${index + 1}`;
    let entry: AuditEntry;
    try {
      const parsed = entrySchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error('shape');
      entry = parsed.data as AuditEntry;
    } catch {
      broken(`${where}: not a valid audit entry (edited or damaged)`);
      expectedPrev = '';
      continue;
    }
    entries.push({ entry, line: index + 1 });
    if (entryHash(entry) !== entry.hash) broken(`${where}: entry was edited (its content does not match its hash)`);
    if (expectedPrev !== '' && entry.prev !== expectedPrev) {
      broken(
        `${where}: chain broken: ${index === 0 ? 'entries before it were removed' : 'the entry before it was removed, reordered or edited'}`,
      );
    }
    expectedPrev = entry.hash;
  }
  return { entries, problems };
}
