import { BOUNDED_READ_CONFIG, gitRecords, type GitSpawnOptions } from './git-process.js';
import { takeEarly } from './early-answers.js';

/** A blob to read and its size in bytes. */
export interface SizedBlob {
  oid: string;
  size: number;
}

/** Every blob of the object store in pack order, packed tight (binary ids, sizes) so a large repository costs little memory. */
export interface PackListing {
  count: number;
  /** Bytes per binary object id: 20 (SHA-1) or 32 (SHA-256). */
  idBytes: number;
  ids: Buffer;
  sizes: Float64Array;
}

/**
 * Lists every blob as it sits in the packs (`git cat-file --batch-all-objects --batch-check
 * --unordered`): the order in which `cat-file --batch` reads fastest. Cheap enough to run while
 * the history walk decides which blobs are wanted.
 */
export function listPackOrder(options: GitSpawnOptions): Promise<PackListing> {
  return takeEarly<PackListing>('pack-order', options) ?? readPackOrder(options);
}

/** The `git cat-file` of readPackOrder. */
export const PACK_ORDER_ARGS: readonly string[] = [
  ...BOUNDED_READ_CONFIG,
  'cat-file',
  '--batch-all-objects',
  '--batch-check=%(objecttype) %(objectname) %(objectsize)',
  '--unordered',
];

/** listPackOrder, always from git. */
export async function readPackOrder(options: GitSpawnOptions): Promise<PackListing> {
  let listing: PackListing = { count: 0, idBytes: 20, ids: Buffer.alloc(0), sizes: new Float64Array(0) };
  for await (const line of gitRecords(PACK_ORDER_ARGS, options, 10)) {
    if (!line.startsWith('blob ')) continue;
    const space = line.indexOf(' ', 5);
    if (listing.count === listing.sizes.length) listing = grow(listing, (space - 5) / 2);
    listing.ids.write(line.slice(5, space), listing.count * listing.idBytes, 'hex');
    listing.sizes[listing.count] = Number(line.slice(space + 1));
    listing.count += 1;
  }
  return listing;
}

function grow(listing: PackListing, idBytes: number): PackListing {
  const capacity = Math.max(4096, listing.sizes.length * 2);
  const ids = Buffer.alloc(capacity * idBytes);
  listing.ids.copy(ids);
  const sizes = new Float64Array(capacity);
  sizes.set(listing.sizes);
  return { count: listing.count, idBytes, ids, sizes };
}

/** The `wanted` blobs in pack order, with sizes; ids not in the listing come last (size -1: cat-file will say they are missing). */
export function orderWanted(listing: PackListing, wanted: ReadonlySet<string>): SizedBlob[] {
  const left = new Set(wanted);
  const ordered: SizedBlob[] = [];
  for (let i = 0; i < listing.count && left.size; i++) {
    const oid = listing.ids.toString('hex', i * listing.idBytes, (i + 1) * listing.idBytes);
    if (left.delete(oid)) ordered.push({ oid, size: listing.sizes[i] as number });
  }
  for (const oid of left) ordered.push({ oid, size: -1 });
  return ordered;
}

/** `wanted` blob ids in pack order, with sizes. */
export async function packOrder(wanted: ReadonlySet<string>, options: GitSpawnOptions): Promise<SizedBlob[]> {
  return orderWanted(await listPackOrder(options), wanted);
}
