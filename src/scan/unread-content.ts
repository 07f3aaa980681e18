import { UnleakError } from '../errors.js';

/** What went unread: files of a work tree, or blobs of the object store. */
export type UnreadKind = 'file' | 'blob';

const HINTS: Record<UnreadKind, string> = {
  file: 'Make the files readable by the user running the scan, or pass --skip-unreadable to scan the rest (they are then listed as notes).',
  blob: 'The object store is damaged or incomplete: run `git fsck`, fetch the objects again (`git fetch --refetch`, or a fresh clone), or pass --skip-unreadable to scan the rest (they are then listed as notes).',
};

/**
 * Content that was never read is an error (exit 2, UNLEAK_UNREADABLE), never a clean pass: a
 * secret may sit in it. With `skipUnreadable` the scan goes on and the caller keeps the notes.
 * `unread` holds one description per item (a path, or a blob and its path), at least one.
 */
export function unreadableError(kind: UnreadKind, unread: readonly string[]): UnleakError {
  const shown = unread.slice(0, 5).join('; ');
  const more = unread.length > 5 ? `; and ${unread.length - 5} more` : '';
  const what = `${unread.length} ${kind}${unread.length === 1 ? '' : 's'}`;
  return new UnleakError('UNLEAK_UNREADABLE', `${what} could not be read, so the scan is incomplete: ${shown}${more}`, {
    hint: HINTS[kind],
  });
}
