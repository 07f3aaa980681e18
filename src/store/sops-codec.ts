import { createHash, timingSafeEqual } from 'node:crypto';
import { decryptValue, encryptValue, macBytes, ValueCipherError } from './sops-value-cipher.js';
import { macAad } from './sops-metadata.js';
import { mapLeaves, pathAad, shouldEncrypt, type EncryptionRules, type SopsBranch, type SopsScalar } from './sops-tree.js';

/**
 * Whole-tree encryption as SOPS does it: every value the rules select is encrypted with the data
 * key and its key path as additional data, and a SHA-512 over all values (in document order) is
 * the MAC, stored encrypted with `lastmodified` as additional data.
 */

/** SOPS's fixed prefix for the MAC when `mac_only_encrypted` is set (sha256("sops")). */
const MAC_ONLY_ENCRYPTED_INIT = Buffer.from('8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69', 'hex');

/** Remembers the ciphertext of each decrypted value, so an unchanged value is written back unchanged. */
export type CiphertextCache = Map<string, string>;

/** A value failed to decrypt, or the MAC did not match. `keyPath` names the value, never its content. */
export class TreeIntegrityError extends Error {
  override readonly name = 'TreeIntegrityError';
  constructor(
    readonly kind: 'value' | 'mac',
    readonly keyPath: string,
    options?: { cause?: unknown },
  ) {
    super(kind === 'mac' ? 'MAC mismatch' : `value at ${keyPath} does not decrypt`, options);
  }
}

/** Decrypts a tree and checks its MAC. Returns the plaintext tree and a cache of the ciphertexts. */
export function decryptTree(
  encrypted: SopsBranch,
  rules: EncryptionRules,
  dataKey: Uint8Array,
  mac: string,
  lastModified: string,
): { plain: SopsBranch; cache: CiphertextCache } {
  const hash = newMacHash(rules);
  const cache: CiphertextCache = new Map();
  const plain = mapLeaves(encrypted, (leaf, path) => {
    const encrypt = shouldEncrypt(path, rules);
    let value: SopsScalar = leaf;
    if (encrypt) {
      if (typeof leaf !== 'string') throw new TreeIntegrityError('value', path.join('.'));
      try {
        value = decryptValue(leaf, dataKey, pathAad(path));
      } catch (error) {
        if (error instanceof ValueCipherError) throw new TreeIntegrityError('value', path.join('.'), { cause: error });
        throw error;
      }
      cache.set(cacheKey(path, value), leaf);
    }
    if (!rules.macOnlyEncrypted || encrypt) hash.update(macBytes(value));
    return value;
  });
  let stored: SopsScalar;
  try {
    stored = decryptValue(mac, dataKey, macAad(lastModified));
  } catch (error) {
    throw new TreeIntegrityError('mac', 'sops.mac', { cause: error });
  }
  const computed = Buffer.from(hash.digest('hex').toUpperCase());
  const found = Buffer.from(String(stored));
  if (found.length !== computed.length || !timingSafeEqual(found, computed)) throw new TreeIntegrityError('mac', 'sops.mac');
  return { plain, cache };
}

/**
 * Encrypts a plaintext tree. A value whose path and content match a cached one keeps its old
 * ciphertext (only pass a cache made with the same data key); new ciphertexts are added to the
 * cache, so encoding the same values again yields the same ciphertexts. Returns the tree and the
 * encrypted MAC.
 */
export function encryptTree(
  plain: SopsBranch,
  rules: EncryptionRules,
  dataKey: Uint8Array,
  lastModified: string,
  cache: CiphertextCache = new Map(),
): { data: SopsBranch; mac: string } {
  const hash = newMacHash(rules);
  const data = mapLeaves(plain, (leaf, path) => {
    const encrypt = shouldEncrypt(path, rules);
    if (!rules.macOnlyEncrypted || encrypt) hash.update(macBytes(leaf));
    if (!encrypt) return leaf;
    const key = cacheKey(path, leaf);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const encrypted = encryptValue(leaf, dataKey, pathAad(path));
    cache.set(key, encrypted);
    return encrypted;
  });
  const mac = encryptValue(hash.digest('hex').toUpperCase(), dataKey, macAad(lastModified));
  return { data, mac };
}

function newMacHash(rules: EncryptionRules) {
  const hash = createHash('sha512');
  if (rules.macOnlyEncrypted) hash.update(MAC_ONLY_ENCRYPTED_INIT);
  return hash;
}

function cacheKey(path: string[], value: SopsScalar): string {
  return `${pathAad(path)}\u0000${typeof value}\u0000${String(value)}`;
}
