import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';
import { crc24 } from '../../../src/engine/validators/pem-block.js';

const validate = (secret: string) => findValidator('pgp-private-key')!({ secret, match: secret, path: 'key.asc' });

/** An armored block whose first packet has the given tag (new-format header), with its CRC-24 line. */
function armored(tag: number, options: { checksum?: 'good' | 'bad' | 'none'; label?: string } = {}): string {
  const body = Buffer.concat([Buffer.from([0xc0 | tag, 120, 4]), randomBytes(120)]);
  const crc = Buffer.alloc(3);
  crc.writeUIntBE(options.checksum === 'bad' ? crc24(body) ^ 1 : crc24(body), 0, 3);
  const label = options.label ?? 'PGP PRIVATE KEY BLOCK';
  const lines = [`-----BEGIN ${label}-----`, '', ...(body.toString('base64').match(/.{1,64}/g) ?? [])];
  if (options.checksum !== 'none') lines.push(`=${crc.toString('base64')}`);
  return [...lines, `-----END ${label}-----`].join('\n');
}

describe('pgp-private-key', () => {
  it('accepts generated secret key and secret subkey blocks with a valid armor checksum', () => {
    expect(validate(armored(5))).toBe('checksum-valid');
    expect(validate(armored(7))).toBe('checksum-valid');
  });

  it('accepts a block without the optional checksum line', () => {
    expect(validate(armored(5, { checksum: 'none' }))).toBe('structure-valid');
  });

  it('rejects a changed checksum, a public key packet and a body too short to be a key', () => {
    expect(validate(armored(5, { checksum: 'bad' }))).toBe('invalid');
    expect(validate(armored(6))).toBe('invalid');
    expect(validate('-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQ...\n-----END PGP PRIVATE KEY BLOCK-----')).toBe('invalid');
  });
});
