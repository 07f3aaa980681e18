import { displayPath } from './display-path.js';

/** One file change of `git diff --raw` / `git log --raw` output (normal or combined). */
export interface RawChange {
  /** A (added), M, D, R (renamed), C, T (type change), U…; for a merge's combined diff, one letter per parent. */
  status: string;
  /** Mode and blob id in the new tree; `000000` and zeros for a deletion. */
  newMode: string;
  newOid: string;
  /** Mode and blob id before, one per parent (one for a normal diff). */
  oldModes: string[];
  oldOids: string[];
  /** Path in the new tree. */
  path: string;
  /** Path before, for renames and copies. */
  oldPath?: string;
}

/** True for a regular file (not a symlink `120000`, nor a submodule `160000`). */
export function isRegularFile(mode: string): boolean {
  return mode === '100644' || mode === '100755';
}

/** A blob id of all zeros: nothing there (a deletion, an addition's "before"). */
export function isNullOid(oid: string): boolean {
  return /^0+$/.test(oid);
}

/**
 * Parses the metadata of one raw entry, `:100644 100644 <old> <new> M` or the combined form
 * `::100644 100644 100644 <p1> <p2> <new> MM` (without the leading colons' count known in advance).
 */
export function parseRawMeta(meta: string): Omit<RawChange, 'path' | 'oldPath'> | undefined {
  let parents = 0;
  while (meta[parents] === ':') parents += 1;
  if (parents === 0) return undefined;
  const fields = meta.slice(parents).split(' ');
  if (fields.length !== 2 * (parents + 1) + 1) return undefined;
  const modes = fields.slice(0, parents + 1);
  const oids = fields.slice(parents + 1, 2 * (parents + 1));
  return {
    status: fields[fields.length - 1] as string,
    oldModes: modes.slice(0, parents),
    newMode: modes[parents] as string,
    oldOids: oids.slice(0, parents),
    newOid: oids[parents] as string,
  };
}

/** True when a status carries two paths (rename or copy, `R100`, `C75`). */
export function hasTwoPaths(status: string): boolean {
  return status.length > 1 && (status[0] === 'R' || status[0] === 'C') && /^[RC]\d*$/.test(status);
}

/** NUL-separated fields of `-z` output given as bytes, each decoded by displayPath (a path that is not UTF-8 comes escaped). */
function splitFields(output: Buffer): string[] {
  const fields: string[] = [];
  let start = 0;
  for (let at = output.indexOf(0); at !== -1; start = at + 1, at = output.indexOf(0, start))
    fields.push(displayPath(output.subarray(start, at)));
  fields.push(displayPath(output.subarray(start)));
  return fields;
}

/** Parses the whole `-z` raw output of `git diff --raw -z` (text, or bytes: paths then keep what UTF-8 cannot say) into changes. */
export function parseRawDiff(output: string | Buffer): RawChange[] {
  const fields = typeof output === 'string' ? output.split('\0') : splitFields(output);
  const changes: RawChange[] = [];
  let i = 0;
  while (i < fields.length) {
    const meta = parseRawMeta((fields[i] ?? '').replace(/^\n+/, ''));
    i += 1;
    if (!meta) continue;
    if (hasTwoPaths(meta.status)) {
      changes.push({ ...meta, oldPath: fields[i] ?? '', path: fields[i + 1] ?? '' });
      i += 2;
    } else {
      changes.push({ ...meta, path: fields[i] ?? '' });
      i += 1;
    }
  }
  return changes;
}
