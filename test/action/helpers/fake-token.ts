import { randomInt } from 'node:crypto';
import { crc32, toBase62 } from '../../../src/engine/index.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A fresh GitHub classic token with a valid CRC32 checksum, made at run time (never committed). */
export function fakeGithubToken(): string {
  let body = '';
  for (let i = 0; i < 30; i++) body += BASE62[randomInt(62)];
  return `ghp_${body}${toBase62(crc32(body), 6)}`;
}
