import { parseCredentialUrl, withPassword } from './credential-url.js';
import type { RotationEntry } from './rotation-store.js';

/**
 * Store entries that hold the same credential as the one being rotated: the same value (stored
 * twice by an older `unleak fix`), or the same password once bare and once inside a connection
 * string (`DB_PASSWORD` and `DATABASE_URL`). A rotation changes all of them in the same writes,
 * each keeping its own shape.
 */

/** Another entry holding the credential, and how it looks with the new value. */
export interface Holder {
  entry: RotationEntry;
  /** This entry's value once the rotated entry holds `newValue`. */
  reshape(newValue: string): string;
}

/** Passwords shorter than this are not matched across entries (too likely a coincidence). */
const MIN_SHARED_LENGTH = 8;

const passwordOf = (value: string): string => parseCredentialUrl(value)?.password ?? value;

/** How `other` follows `primary` when both hold the same credential; undefined when they do not. */
export function sharedShape(primary: string, other: string): ((newValue: string) => string) | undefined {
  if (primary.length < MIN_SHARED_LENGTH || other.length < MIN_SHARED_LENGTH) return undefined;
  if (other === primary) return (value) => value;
  const primaryUrl = parseCredentialUrl(primary);
  const otherUrl = parseCredentialUrl(other);
  if (primaryUrl?.password !== undefined && !otherUrl && other === primaryUrl.password) return passwordOf;
  if (otherUrl?.password !== undefined && !primaryUrl && primary === otherUrl.password) return (value) => withPassword(otherUrl, value);
  if (
    primaryUrl?.password !== undefined &&
    otherUrl?.password === primaryUrl.password &&
    otherUrl.user === primaryUrl.user &&
    otherUrl.host === primaryUrl.host &&
    otherUrl.port === primaryUrl.port
  ) {
    return (value) => withPassword(otherUrl, passwordOf(value));
  }
  return undefined;
}

/**
 * The other entries holding `primary`'s credential, judged on one field: `value` for a rotation
 * (and for recovering a pending value), `previous` for finishing a rotation that kept one.
 */
export function holdersOf(entries: RotationEntry[], primary: RotationEntry, field: 'value' | 'previous'): Holder[] {
  const mine = primary[field];
  if (mine === undefined) return [];
  const holders: Holder[] = [];
  for (const entry of entries) {
    const theirs = entry[field];
    if (entry.name === primary.name || theirs === undefined || entry.composed) continue;
    const reshape = sharedShape(mine, theirs);
    if (reshape) holders.push({ entry, reshape });
  }
  return holders;
}
