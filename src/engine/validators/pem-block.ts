import { parsesAsPrivateKey } from './pem-private-key.js';

/**
 * Private keys as they are pasted into files: PEM (RFC 7468) indented in a YAML block scalar,
 * or joined by spaces on one line, and OpenPGP armored secret keys (RFC 9580 §6).
 * https://www.rfc-editor.org/rfc/rfc7468#section-2
 * https://www.rfc-editor.org/rfc/rfc9580#section-6
 */
const BLOCK = /^(-----BEGIN [A-Z0-9 ]{1,40}-----)([\s\S]*?)(-----END [A-Z0-9 ]{1,40}-----)\s*$/;

/** Rebuilds a PEM block with trimmed lines and a body wrapped at 64 columns; undefined when it is no PEM block. */
export function normalizePem(text: string): string | undefined {
  const parts = BLOCK.exec(text.trim());
  if (!parts) return undefined;
  const [, begin, inner = '', end] = parts;
  const lines = inner
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const headers = lines.filter((line) => /^[A-Za-z-]+: /.test(line));
  const body = lines
    .filter((line) => !headers.includes(line))
    .join('')
    .replace(/\s+/g, '');
  const wrapped = body.match(/.{1,64}/g) ?? [];
  return [begin, ...headers, ...(headers.length ? [''] : []), ...wrapped, end, ''].join('\n');
}

/** True when the block parses as a private key once its lines are trimmed and re-wrapped. */
export function isPemPrivateKeyBlock(text: string): boolean {
  const pem = normalizePem(text);
  return pem !== undefined && parsesAsPrivateKey(pem);
}

/** OpenPGP CRC-24 (RFC 9580 §6.1) of some bytes. */
export function crc24(bytes: Uint8Array): number {
  let crc = 0xb704ce;
  for (const byte of bytes) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

/** Tag of the first OpenPGP packet (old or new header format), or -1. */
function firstPacketTag(byte: number | undefined): number {
  if (byte === undefined || (byte & 0x80) === 0) return -1;
  return byte & 0x40 ? byte & 0x3f : (byte >> 2) & 0x0f;
}

/**
 * Checks an armored `PGP PRIVATE KEY BLOCK`: its first packet must be a secret key (tag 5) or
 * secret subkey (tag 7); an armor checksum, when present, must match.
 */
export function pgpPrivateKeyBlock(text: string): 'checksum-valid' | 'structure-valid' | 'invalid' {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const start = lines.findIndex((line) => line.startsWith('-----BEGIN PGP PRIVATE KEY BLOCK'));
  const end = lines.findIndex((line) => line.startsWith('-----END PGP PRIVATE KEY BLOCK'));
  if (start < 0 || end <= start) return 'invalid';
  const armored = lines.slice(start + 1, end).filter((line) => line && !/^[A-Za-z-]+: /.test(line));
  const checksumLine = armored.at(-1)?.startsWith('=') ? armored.pop() : undefined;
  const body = armored.join('');
  if (body.length < 40 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return 'invalid';
  const bytes = Buffer.from(body, 'base64');
  const tag = firstPacketTag(bytes[0]);
  if (tag !== 5 && tag !== 7) return 'invalid';
  if (checksumLine === undefined) return 'structure-valid';
  const expected = Buffer.from(checksumLine.slice(1), 'base64');
  if (expected.length !== 3) return 'invalid';
  return expected.readUIntBE(0, 3) === crc24(bytes) ? 'checksum-valid' : 'invalid';
}
