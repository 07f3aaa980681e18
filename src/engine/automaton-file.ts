import type { AutomatonTables } from './aho-corasick.js';

/**
 * The keyword automaton as bytes, so the build can write the built-in rules' automaton once
 * (`dist/builtin-automaton.bin`) and a scan read it in a millisecond instead of building it
 * (~25-35 ms of every history or large tree scan). The file names the keywords it was built
 * for, in the prefilter's order: tables for any other list (custom rules, disabled rules, rules
 * edited since the build) are refused, and the scan builds its own.
 *
 * Layout: `UNLEAKAC2\n`, a JSON header line (keywords, scalars, the arrays' lengths), zero
 * padding to a multiple of 4, the transition table (16- or 32-bit entries, padded to a multiple
 * of 4 bytes), the Int32 arrays (outStart, outLength, outputs, lengths), then classOf (128
 * bytes); numbers little-endian.
 */
const MAGIC = 'UNLEAKAC2\n';

interface Header {
  keywords: string[];
  shift: number;
  flag: number;
  /** Bytes per transition entry: 2 or 4. */
  width: number;
  sizes: [delta: number, outStart: number, outLength: number, outputs: number, lengths: number];
}

/** The bytes of an automaton's tables, for the keywords (in the prefilter's order) it was built from. */
export function automatonBytes(keywords: readonly string[], tables: AutomatonTables): Uint8Array {
  const ints = [tables.outStart, tables.outLength, tables.outputs, tables.lengths];
  const width = tables.delta.BYTES_PER_ELEMENT;
  const header: Header = {
    keywords: [...keywords],
    shift: tables.shift,
    flag: tables.flag,
    width,
    sizes: [tables.delta.length, ...ints.map((array) => array.length)] as Header['sizes'],
  };
  const head = new TextEncoder().encode(`${MAGIC}${JSON.stringify(header)}\n`);
  const start = align4(head.length);
  const deltaBytes = align4(tables.delta.length * width);
  const out = new Uint8Array(start + deltaBytes + ints.reduce((sum, array) => sum + array.length * 4, 0) + 128);
  out.set(head);
  const view = new DataView(out.buffer);
  let at = start;
  for (let i = 0; i < tables.delta.length; i++, at += width) {
    if (width === 2) view.setUint16(at, tables.delta[i] as number, true);
    else view.setInt32(at, tables.delta[i] as number, true);
  }
  at = start + deltaBytes;
  for (const array of ints) {
    for (let i = 0; i < array.length; i++, at += 4) view.setInt32(at, array[i] as number, true);
  }
  out.set(tables.classOf, at);
  return out;
}

/**
 * The tables in `bytes` when they were built for exactly these keywords (in this order);
 * undefined for another list, or bytes that are not such a file (truncated, another version).
 */
export function automatonFromBytes(bytes: Uint8Array, keywords: readonly string[]): AutomatonTables | undefined {
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) return undefined;
  const end = bytes.indexOf(10, MAGIC.length);
  if (end === -1) return undefined;
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length, end))) as Header;
  } catch {
    return undefined;
  }
  if (!Array.isArray(header.keywords) || header.keywords.length !== keywords.length) return undefined;
  if (!keywords.every((keyword, i) => header.keywords[i] === keyword)) return undefined;
  if (header.width !== 2 && header.width !== 4) return undefined;
  const [deltaLength, ...intLengths] = header.sizes;
  const start = align4(end + 1);
  const deltaBytes = align4(deltaLength * header.width);
  const intWords = intLengths.reduce((sum, size) => sum + size, 0);
  if (bytes.length !== start + deltaBytes + intWords * 4 + 128) return undefined;
  // The arrays where they lie when the bytes are 4-byte aligned (a large file read whole) on a little-endian machine, else copies.
  const inPlace = (bytes.byteOffset + start) % 4 === 0 && new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const delta = header.width === 2 ? new Uint16Array(deltaLength) : new Int32Array(deltaLength);
  if (inPlace)
    delta.set(
      header.width === 2
        ? new Uint16Array(bytes.buffer, bytes.byteOffset + start, deltaLength)
        : new Int32Array(bytes.buffer, bytes.byteOffset + start, deltaLength),
    );
  else
    for (let i = 0; i < deltaLength; i++)
      delta[i] = header.width === 2 ? view.getUint16(start + i * 2, true) : view.getInt32(start + i * 4, true);
  const ints: Int32Array[] = [];
  let at = start + deltaBytes;
  for (const size of intLengths) {
    const array = new Int32Array(size);
    for (let i = 0; i < size; i++, at += 4) array[i] = view.getInt32(at, true);
    ints.push(array);
  }
  const [outStart, outLength, outputs, lengths] = ints as [Int32Array, Int32Array, Int32Array, Int32Array];
  return {
    classOf: new Uint8Array(bytes.subarray(at, at + 128)),
    shift: header.shift,
    delta,
    flag: header.flag,
    outStart,
    outLength,
    outputs,
    lengths,
  };
}

const align4 = (n: number): number => (n + 3) & ~3;
