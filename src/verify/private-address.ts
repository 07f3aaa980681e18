import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { Verification } from './types.js';

/**
 * Database verification connects only to public addresses unless `--verify-private`: a scan of
 * someone else's repository must not make the scanner probe its own network.
 */

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

/** True for loopback, private, link-local, shared, multicast and unspecified addresses (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The address to connect to for `host`: resolved once, so the connection goes to the address
 * that was checked. A Verification when it cannot be resolved or is private and not allowed.
 */
export async function publicAddress(host: string, allowPrivate: boolean): Promise<string | Verification> {
  let addresses: Array<{ address: string }>;
  try {
    addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { status: 'unknown', reason: `cannot resolve ${host}${typeof code === 'string' ? ` (${code})` : ''}` };
  }
  const first = addresses[0]?.address;
  if (!first) return { status: 'unknown', reason: `cannot resolve ${host}` };
  if (!allowPrivate && addresses.some((entry) => isPrivateAddress(entry.address)))
    return { status: 'unknown', reason: `private address for ${host}: not verified without --verify-private` };
  return first;
}
