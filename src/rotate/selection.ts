import { UnleakError } from '../errors.js';
import type { EntryStatus } from './status.js';

/** Which entries `unleak rotate` works on. */
export interface Selection {
  names: string[];
  allLeaked?: boolean;
  due?: boolean;
  /** `--finish`: entries keeping a previous value (all of them when no name is given). */
  finish?: boolean;
}

/**
 * The names to rotate, in store order: the named ones, plus every leaked entry (`--all-leaked`),
 * plus every entry older than its maxAge (`--due`); composed entries (templates of others) only
 * when named. Unknown names and a `--due` without any
 * maxAge are errors; an empty selector list is an error too.
 */
export function selectEntries(statuses: EntryStatus[], selection: Selection): string[] {
  const known = new Set(statuses.map((status) => status.name));
  const unknown = selection.names.filter((name) => !known.has(name));
  if (unknown.length)
    throw new UnleakError('UNLEAK_SECRET_NOT_FOUND', `no store entry named ${unknown.join(', ')}`, {
      hint: 'List the entries with `unleak status`.',
    });
  if (selection.finish) {
    const wanted = new Set(selection.names);
    return statuses.filter((status) => status.pending && (wanted.size === 0 || wanted.has(status.name))).map((status) => status.name);
  }
  if (!selection.names.length && !selection.allLeaked && !selection.due) {
    throw new UnleakError('UNLEAK_USAGE', 'say what to rotate: NAME…, --all-leaked or --due', {
      hint: 'unleak rotate DATABASE_URL, or unleak rotate --all-leaked',
    });
  }
  if (selection.due && statuses.every((status) => status.maxAgeMs === undefined)) {
    throw new UnleakError('UNLEAK_CONFIG_INVALID', '--due needs a maxAge: none is set in .unleak.yaml', {
      hint: 'Add e.g. `maxAge: 90d` (or rotation.secrets.<NAME>.maxAge) to .unleak.yaml.',
    });
  }
  const wanted = new Set(selection.names);
  return statuses
    .filter(
      (status) =>
        wanted.has(status.name) || (!status.composed && ((selection.allLeaked && status.leaked) || (selection.due && status.due === true))),
    )
    .map((status) => status.name);
}
