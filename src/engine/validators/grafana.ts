import { crc32 } from './crc32.js';

const SERVICE_ACCOUNT = /^glsa_([A-Za-z0-9]{32})_([0-9a-f]{8})$/;

/**
 * Grafana service account tokens: `glsa_`, 32 random base62 characters, `_`, then the CRC32
 * (IEEE) of `glsa_<random>` as 4 little-endian bytes in lower-case hex.
 * https://github.com/grafana/grafana/blob/main/pkg/components/satokengen/tokengen.go
 */
export function grafanaServiceAccountChecksum(token: string): boolean {
  const m = SERVICE_ACCOUNT.exec(token);
  if (!m) return false;
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(crc32(`glsa_${m[1]}`));
  return bytes.toString('hex') === m[2];
}
