import { nodeCrypto } from '../../node-crypto.js';
import { shannonEntropy } from '../entropy.js';

/**
 * JSON Web Keys (RFC 7517) that hold a private key: an RSA, EC or OKP key with its private member
 * `d` (RFC 7518 §6.2.2.1, §6.3.2.1; RFC 8037 §2). A JWK with only its public members (`n`/`e`,
 * `x`/`y`) is public and is never passed here: the rule needs `"d"`.
 * https://www.rfc-editor.org/rfc/rfc7517#section-4
 */

/** Byte lengths of `d`: EC P-256/P-384/P-521 and secp256k1, Ed25519/X25519, Ed448/X448, RSA 1024–8192. */
const PRIVATE_LENGTHS = new Set([32, 48, 56, 57, 65, 66, 128, 256, 384, 512, 1024]);

/** True when the JSON object parses as a private JWK, or (not strict JSON) its `d` has a key's length and randomness. */
export function isJwkPrivateKey({ secret, match }: { secret: string; match: string }): boolean {
  const jwk = parseObject(match);
  if (jwk && typeof jwk.kty === 'string' && typeof jwk.d === 'string') {
    try {
      return privateMatchesPublic(jwk as unknown as Jwk);
    } catch {
      return false;
    }
  }
  // Not strict JSON (escaped in a string, a JS object literal, trailing commas): judge `d` alone.
  const bytes = Buffer.from(secret, 'base64url');
  if (!PRIVATE_LENGTHS.has(bytes.length) && !PRIVATE_LENGTHS.has(bytes.length + 1)) return false;
  return shannonEntropy(secret) >= 4.5 && new Set(bytes).size >= Math.min(bytes.length * 0.5, 160);
}

interface Jwk {
  kty: string;
  d: string;
  crv?: string;
  x?: string;
  n?: string;
  p?: string;
  q?: string;
}

const EC_CURVES: Record<string, string> = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1', secp256k1: 'secp256k1' };
const bigint = (value: string): bigint => BigInt(`0x${Buffer.from(value, 'base64url').toString('hex') || '0'}`);

/** True when node:crypto loads the key and its private part matches its public part (a made-up or corrupted `d` does not). */
function privateMatchesPublic(jwk: Jwk): boolean {
  const key = nodeCrypto().createPrivateKey({ key: jwk as never, format: 'jwk' });
  if (jwk.kty === 'EC' && jwk.crv && EC_CURVES[jwk.crv] && typeof jwk.x === 'string') {
    const ecdh = nodeCrypto().createECDH(EC_CURVES[jwk.crv] as string);
    ecdh.setPrivateKey(Buffer.from(jwk.d, 'base64url'));
    const point = ecdh.getPublicKey();
    return point.subarray(1, 1 + (point.length - 1) / 2).toString('base64url') === jwk.x;
  }
  if (jwk.kty === 'OKP' && typeof jwk.x === 'string')
    return (nodeCrypto().createPublicKey(key).export({ format: 'jwk' }) as { x?: string }).x === jwk.x;
  if (jwk.kty === 'RSA' && jwk.n && jwk.p && jwk.q) return bigint(jwk.p) * bigint(jwk.q) === bigint(jwk.n);
  return true;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
