/** CRC-32 (IEEE) of raw bytes. */
function crc32Bytes(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32 (either case) to bytes; undefined on a character outside the alphabet. */
function fromBase32(text: string): Buffer | undefined {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text.toLowerCase()) {
    const digit = BASE32.indexOf(ch);
    if (digit < 0) return undefined;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** Seeds XORed into the CRC of user and application PATs. */
const SEEDS = [0xe0b9692d, 0x1019f92e];

/**
 * Azure DevOps personal access tokens of the 52-character base32 format embed a CRC32: the 32
 * decoded bytes hold it at bytes 2, 7, 8 and 22 (little-endian, reversed), computed over the other
 * 28 bytes and XORed with a seed. Scheme from Microsoft's own scanner
 * (https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/HighConfidenceMicrosoftSecurityModels/SEC101_102_AdoPat.cs).
 */
export function azureDevOpsPatChecksum(token: string): boolean {
  if (token.length !== 52) return false;
  const bytes = fromBase32(token);
  if (!bytes || bytes.length !== 32) return false;
  const covered = Buffer.concat([bytes.subarray(0, 2), bytes.subarray(3, 7), bytes.subarray(9, 22), bytes.subarray(23, 32)]);
  const embedded = Buffer.from([bytes[22] as number, bytes[8] as number, bytes[7] as number, bytes[2] as number]).readUInt32LE(0);
  const crc = crc32Bytes(covered);
  return SEEDS.some((seed) => (crc ^ seed) >>> 0 === embedded);
}
