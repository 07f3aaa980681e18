import { AUDIT_CODES, type LocatedEntry } from './audit-verify.js';
import { recipientsHash, type StoreSnapshot } from './store-snapshot.js';

/**
 * Checks one store file against what the audit trail says about it:
 *
 * - the file's anchor names the last entry that wrote it (a file older than the log was rolled
 *   back; one interrupted write is tolerated with a warning);
 * - the file's values and recipients are those that entry recorded (storeDigest, recipientsHash);
 * - the recipients follow from the log: `init` names the first ones, every later change is a
 *   `recipient-add` / `recipient-remove` entry with who made it and when, and a store is
 *   initialised once (a second `init` is how a replaced store would explain itself; one right
 *   after the first, with nothing between, is an interrupted init repeated and only warned about).
 */

/** What the check found, to merge into the verification. */
export interface StoreCheck {
  problems: string[];
  warnings: string[];
  notes: string[];
}

const RECIPIENT_ACTIONS = new Set(['init', 'recipient-add', 'recipient-remove']);

function who(located: LocatedEntry): string {
  const { entry, line } = located;
  return `line ${line}: ${entry.action}${entry.detail && RECIPIENT_ACTIONS.has(entry.action) ? ` ${entry.detail}` : ''} by ${entry.actor} at ${entry.time}`;
}

/** Replays the recipient changes of a store's entries; `undefined` recipients when no `init` was seen. */
function replayRecipients(name: string, mine: LocatedEntry[], out: StoreCheck): Set<string> | undefined {
  let expected: Set<string> | undefined;
  let init: LocatedEntry | undefined;
  let previous: LocatedEntry | undefined;
  for (const located of mine) {
    const { entry } = located;
    if (entry.action === 'init') {
      if (init && previous?.entry.action === 'init')
        out.warnings.push(`${name}: ${who(located)} initialised it again right after ${who(previous)} (an interrupted init?)`);
      else if (init)
        out.problems.push(
          `${AUDIT_CODES.reinitialised}: ${name}: ${who(located)} initialised it again (first ${who(init)}): a replaced store`,
        );
      init ??= located;
      expected = new Set((entry.detail ?? '').split(/\s+/).filter(Boolean));
    } else if (entry.action === 'recipient-add' && entry.detail) expected?.add(entry.detail);
    else if (entry.action === 'recipient-remove' && entry.detail) expected?.delete(entry.detail);
    if (RECIPIENT_ACTIONS.has(entry.action)) {
      out.notes.push(`${name}: recipients set, ${who(located)}`);
      if (entry.actor === 'unknown' || entry.actor === '')
        out.warnings.push(`${name}: ${who(located)}: the recipient change is not attributable (no git user.email)`);
    }
    if (expected && entry.recipientsHash !== undefined && entry.recipientsHash !== recipientsHash(expected)) {
      out.problems.push(`${AUDIT_CODES.recipients}: ${name}: ${who(located)} wrote recipients the log does not record adding or removing`);
    }
    previous = located;
  }
  return expected;
}

function recipientDiff(actual: string[], expected: Set<string>): string {
  const added = actual.filter((recipient) => !expected.has(recipient));
  const removed = [...expected].filter((recipient) => !actual.includes(recipient));
  return [
    added.length ? `added without a recorded change: ${added.join(', ')}` : '',
    removed.length ? `removed without a recorded change: ${removed.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/**
 * Checks the store named `name` (as audit entries name it) in state `snapshot` against `entries`
 * (the whole log, in order).
 */
export function checkStoreAgainstLog(
  name: string,
  snapshot: StoreSnapshot | 'missing' | 'unreadable',
  entries: LocatedEntry[],
): StoreCheck {
  const out: StoreCheck = { problems: [], warnings: [], notes: [] };
  const mine = entries.filter(({ entry }) => entry.store === name);
  const expected = replayRecipients(name, mine, out);
  if (snapshot === 'missing') {
    if (mine.length > 0)
      out.warnings.push(
        `${name}: the log has ${mine.length} entr${mine.length === 1 ? 'y' : 'ies'} for it, but the file does not exist (deleted?)`,
      );
    return out;
  }
  if (snapshot === 'unreadable') {
    out.problems.push(`${AUDIT_CODES.tampered}: ${name}: not a readable SOPS file`);
    return out;
  }
  if (expected) {
    const diff = recipientDiff(snapshot.recipients, expected);
    if (diff) out.problems.push(`${AUDIT_CODES.recipients}: ${name}: its recipients differ from the audit trail: ${diff}`);
  }
  if (snapshot.anchor === undefined) {
    if (mine.some(({ entry }) => entry.storeDigest !== undefined))
      out.problems.push(
        `${AUDIT_CODES.tampered}: ${name}: has no audit anchor, though the log records unleak writing it: replaced by a file unleak did not write`,
      );
    else if (mine.length === 0) out.warnings.push(`${name}: not in the audit trail (written by sops or another tool?)`);
    return out;
  }
  const anchorAt = mine.findIndex(({ entry }) => entry.hash === snapshot.anchor);
  if (anchorAt === -1) {
    const elsewhere = entries.find(({ entry }) => entry.hash === snapshot.anchor);
    if (elsewhere)
      out.problems.push(
        `${AUDIT_CODES.tampered}: ${name}: was written with the entry at line ${elsewhere.line}, which is for ${elsewhere.entry.store}: a copy of another store`,
      );
    else out.problems.push(`${AUDIT_CODES.entryMissing}: ${name}: its last audit entry is missing from the log (entries were removed)`);
    return out;
  }
  const anchor = mine[anchorAt] as LocatedEntry;
  if (anchor.entry.storeDigest === undefined) {
    const earlier = mine.slice(0, anchorAt).find(({ entry }) => entry.storeDigest !== undefined);
    if (earlier)
      out.problems.push(
        `${AUDIT_CODES.tampered}: ${name}: its last write (${who(anchor)}) records no digest, though earlier writes do (line ${earlier.line}): a forged entry`,
      );
    else out.notes.push(`${name}: written by an older unleak: its values are checked against the log from its next change on`);
  } else {
    if (anchor.entry.storeDigest !== snapshot.storeDigest)
      out.problems.push(
        `${AUDIT_CODES.tampered}: ${name}: its values differ from those recorded at line ${anchor.line}: values were changed, added or removed outside unleak`,
      );
    if (anchor.entry.recipientsHash !== snapshot.recipientsHash && !expected)
      out.problems.push(`${AUDIT_CODES.recipients}: ${name}: its recipients differ from those recorded at line ${anchor.line}`);
  }
  const after = mine.slice(anchorAt + 1);
  const laterWrites = after.filter(({ entry }) => entry.storeDigest !== undefined);
  if (laterWrites.length === 1 && after.every(({ entry }) => !RECIPIENT_ACTIONS.has(entry.action))) {
    out.warnings.push(
      `${name}: the last change in the log (${who(laterWrites[0] as LocatedEntry)}) is not in the file: an interrupted write? Repeat the change if it is missing`,
    );
  } else if (laterWrites.length > 0) {
    out.problems.push(
      `${AUDIT_CODES.rolledBack}: ${name}: the file is older than the log: ${laterWrites.length} later write${laterWrites.length === 1 ? '' : 's'} (from line ${laterWrites[0]?.line}) ${laterWrites.length === 1 ? 'is' : 'are'} not in it (restored from an older version?)`,
    );
  }
  return out;
}
