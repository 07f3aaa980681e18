// Written from RFC 7516 (JWE compact serialization) and RFC 7518 §4.3 (RSA-OAEP) and §5.3 (AES GCM)
import { constants, createDecipheriv, generateKeyPairSync, privateDecrypt, type CipherGCMTypes, type KeyObject } from 'node:crypto';

/**
 * Decrypts the JWE a provider returns a new secret in (Stripe encrypts live secret keys to a
 * public key the caller supplies). Only the algorithms such APIs use: RSA-OAEP(-256) key
 * wrapping and AES-GCM content encryption.
 */

/** A one-time RSA key pair: the public half (PEM) goes to the API, the private half decrypts. */
export function oneTimeRsaKey(): { publicPem: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey };
}

const GCM_BITS: Record<string, number> = { A128GCM: 128, A192GCM: 192, A256GCM: 256 };

/** The plaintext of a compact JWE (`header.key.iv.ciphertext.tag`); throws on anything unexpected. */
export function decryptJweCompact(jwe: string, privateKey: KeyObject): string {
  const parts = jwe.split('.');
  if (parts.length !== 5) throw new Error('not a compact JWE (five parts expected)');
  const [protectedHeader = '', encryptedKey = '', iv = '', ciphertext = '', tag = ''] = parts;
  const header = JSON.parse(Buffer.from(protectedHeader, 'base64url').toString('utf8')) as { alg?: unknown; enc?: unknown };
  const oaepHash = header.alg === 'RSA-OAEP-256' ? 'sha256' : header.alg === 'RSA-OAEP' ? 'sha1' : undefined;
  const bits = typeof header.enc === 'string' ? GCM_BITS[header.enc] : undefined;
  if (!oaepHash || !bits) throw new Error(`unsupported JWE algorithms ${String(header.alg)} / ${String(header.enc)}`);
  const cek = privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash },
    Buffer.from(encryptedKey, 'base64url'),
  );
  const decipher = createDecipheriv(`aes-${bits}-gcm` as CipherGCMTypes, cek, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
