/** Field types of the libmacaroons version 2 binary format. */
const EOS = 0;
const LOCATION = 1;
const IDENTIFIER = 2;
const VID = 4;
const SIGNATURE = 6;

const PYPI_LOCATIONS = new Set(['pypi.org', 'test.pypi.org']);

/** A cursor over the serialized macaroon; every read returns undefined past the end. */
class Reader {
  private offset = 0;
  constructor(private readonly bytes: Buffer) {}

  get done(): boolean {
    return this.offset === this.bytes.length;
  }

  varint(): number | undefined {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.bytes[this.offset++];
      if (byte === undefined) return undefined;
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    return undefined;
  }

  /** One field: its type, then (unless it is EOS) a length and that many bytes. */
  field(): { type: number; data: Buffer } | undefined {
    const type = this.varint();
    if (type === undefined || type === EOS) return type === EOS ? { type, data: Buffer.alloc(0) } : undefined;
    const length = this.varint();
    if (length === undefined || this.offset + length > this.bytes.length) return undefined;
    const data = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return { type, data };
  }
}

/** Reads `[location] identifier [vid] EOS`: the location ('' when absent), undefined when malformed. */
function readSection(reader: Reader, first = reader.field()): string | undefined {
  let field = first;
  let location = '';
  if (field?.type === LOCATION) {
    location = field.data.toString('latin1');
    field = reader.field();
  }
  if (field?.type !== IDENTIFIER || field.data.length === 0) return undefined;
  field = reader.field();
  if (field?.type === VID) field = reader.field();
  return field?.type === EOS ? location : undefined;
}

/**
 * PyPI API tokens: `pypi-` then a macaroon in the libmacaroons v2 binary format, base64url
 * without padding, whose location is `pypi.org` or `test.pypi.org`: version byte 2, the header
 * (location, identifier), the caveats, an empty section, and a 32-byte signature.
 * https://pypi.org/help/#apitoken
 * https://github.com/rescrv/libmacaroons/blob/master/doc/format.txt
 */
export function isPypiMacaroon(token: string): boolean {
  const body = token.startsWith('pypi-') ? token.slice(5) : '';
  if (!/^[A-Za-z0-9_-]{40,}$/.test(body)) return false;
  const bytes = Buffer.from(body, 'base64url');
  if (bytes[0] !== 2) return false;
  const reader = new Reader(bytes.subarray(1));
  const location = readSection(reader);
  if (location === undefined || !PYPI_LOCATIONS.has(location)) return false;
  for (let caveats = 0; caveats < 256; caveats++) {
    const next = reader.field();
    if (next === undefined) return false;
    if (next.type === EOS) {
      const signature = reader.field();
      return signature?.type === SIGNATURE && signature.data.length === 32 && reader.done;
    }
    if (readSection(reader, next) === undefined) return false;
  }
  return false;
}
