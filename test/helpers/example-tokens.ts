import { randomBytes } from 'node:crypto';
import { crc32, toBase62 } from '../../src/engine/index.js';
import { bech32Encode } from '../../src/engine/validators/age-secret-key.js';
import { checksumToken, randomBase62 } from './tokens.js';

/**
 * Checksum-valid tokens made at test time, so that rule examples never commit one (as gitleaks
 * generates its sample secrets). A rule example writes `{{generate:NAME}}` or
 * `{{generate:NAME:ARG}}` (the token prefix), optionally followed by `|lower` or `|mixed-case`.
 */

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const randomFrom = (alphabet: string, length: number) => [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
const hex8 = (value: number) => value.toString(16).padStart(8, '0');

/** CRC-32 (IEEE) of raw bytes; `crc32` of the engine hashes the UTF-8 of a string. */
function crc32OfBytes(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** RFC 4648 base32, lower case, unpadded. */
export function base32(bytes: Uint8Array): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let out = '';
  let value = 0;
  let bits = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + alphabet[(value << (5 - bits)) & 31] : out;
}

/** Atlassian API tokens and Bitbucket access tokens (`…=` then the upper-hex CRC32 of all before) and app passwords (`ATBB`). */
function atlassianToken(prefix = 'ATATT3xFfGF0'): string {
  const covered = prefix === 'ATBB' ? `ATBB${randomBase62(24)}` : `${prefix}${randomFrom(BASE64URL, 180)}=`;
  return covered + hex8(crc32(covered)).toUpperCase();
}

/** Cloudflare `cfut_`, `cfat_` and `cfk_` credentials: 40 base62 characters and their lower-hex CRC32. */
function cloudflareToken(prefix = 'cfut_'): string {
  const body = randomBase62(40);
  return prefix + body + hex8(crc32(body));
}

/** GitLab routable tokens: prefix, base64url payload, `.01.` (none in the first release), its length in base36, base36 CRC32. */
function gitlabRoutableToken(prefix = 'glpat-', versioned = true): string {
  const routing = Buffer.from(
    `\no:${toBase62(randomBytes(4).readUInt32BE(0), 6).toLowerCase()}\nu:${randomFrom('abcdefghijklmnopqrstuvwxyz0123456789', 7)}`,
  );
  const payload = Buffer.concat([randomBytes(16), routing, Buffer.from([routing.length])]).toString('base64url');
  const head = `${prefix}${payload}.${versioned ? '01.' : ''}${payload.length.toString(36).padStart(2, '0')}`;
  return head + crc32(head).toString(36).padStart(7, '0');
}

/** Grafana service account tokens: `glsa_`, 32 base62, `_`, the CRC32 of `glsa_<random>` as little-endian hex. */
function grafanaServiceAccountToken(): string {
  const random = randomBase62(32);
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32(`glsa_${random}`));
  return `glsa_${random}_${crc.toString('hex')}`;
}

/**
 * Azure DevOps PATs (52 base32 characters): the CRC32 of 28 random bytes, XORed with a seed, at bytes
 * 2, 7, 8 and 22. The default seed is a user PAT's; 0x1019f92e makes an application's.
 */
export function azureDevOpsPat(seed = 0xe0b9692d): string {
  const bytes = randomBytes(32);
  const covered = Buffer.concat([bytes.subarray(0, 2), bytes.subarray(3, 7), bytes.subarray(9, 22), bytes.subarray(23, 32)]);
  const embedded = Buffer.alloc(4);
  embedded.writeUInt32LE((crc32OfBytes(covered) ^ seed) >>> 0);
  [bytes[22], bytes[8], bytes[7], bytes[2]] = [embedded[0]!, embedded[1]!, embedded[2]!, embedded[3]!];
  return base32(bytes);
}

/** age X25519 identities: the Bech32 of 32 random bytes after `AGE-SECRET-KEY-1`, upper case. */
function ageSecretKey(): string {
  const words: number[] = [];
  let value = 0;
  let bits = 0;
  for (const byte of randomBytes(32)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      words.push((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  words.push((value << (5 - bits)) & 31);
  return bech32Encode('age-secret-key-', words).toUpperCase();
}

/** Every generator a rule example may name, with its optional argument (a prefix). */
export const exampleTokenGenerators = {
  'crc32-base62': (prefix?: string) => checksumToken(prefix ?? 'ghp_'),
  atlassian: atlassianToken,
  cloudflare: cloudflareToken,
  'gitlab-routable': (prefix?: string) => gitlabRoutableToken(prefix),
  'gitlab-routable-unversioned': (prefix?: string) => gitlabRoutableToken(prefix, false),
  'grafana-service-account': grafanaServiceAccountToken,
  'azure-devops-pat': () => azureDevOpsPat(),
  'age-secret-key': ageSecretKey,
} satisfies Record<string, (arg?: string) => string>;

const transforms: Record<string, (token: string) => string> = {
  lower: (token) => token.toLowerCase(),
  'mixed-case': (token) => token.slice(0, token.length / 2).toLowerCase() + token.slice(token.length / 2),
};

/** `{{generate:NAME[:ARG]}}`, optionally `|TRANSFORM` before the braces close. */
export const GENERATE_PATTERN = /\{\{generate:([a-z0-9-]+)(?::([^|}]+))?(?:\|([a-z-]+))?\}\}/g;

/** The example text with each generator reference replaced by a fresh token; throws on an unknown name. */
export function expandExample(text: string): string {
  return text.replace(GENERATE_PATTERN, (_whole, name: string, arg: string | undefined, transform: string | undefined) => {
    const generate = (exampleTokenGenerators as Record<string, (arg?: string) => string>)[name];
    if (!generate) throw new Error(`unknown example token generator "${name}" (known: ${Object.keys(exampleTokenGenerators).join(', ')})`);
    const token = generate(arg);
    if (transform === undefined) return token;
    const apply = transforms[transform];
    if (!apply) throw new Error(`unknown example token transform "${transform}" (known: ${Object.keys(transforms).join(', ')})`);
    return apply(token);
  });
}

/** The rule with its examples expanded: each generator reference replaced by a fresh token. */
export function withGeneratedExamples<T extends { examples: { positive: string[]; negative: { text: string; reason: string }[] } }>(
  spec: T,
): T {
  const { positive, negative } = spec.examples;
  return {
    ...spec,
    examples: {
      positive: positive.map(expandExample),
      negative: negative.map((example) => ({ ...example, text: expandExample(example.text) })),
    },
  };
}
