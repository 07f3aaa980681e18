import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SopsScalar } from './sops-tree.js';

/**
 * One SOPS value: `ENC[AES256_GCM,data:<b64>,iv:<b64>,tag:<b64>,type:<t>]`, AES-256-GCM with a
 * 32-byte nonce, the file's data key, and the value's key path as additional data.
 */

const ENC_PATTERN = /^ENC\[AES256_GCM,data:(.*),iv:(.+),tag:(.+),type:(.+)\]$/;
const NONCE_BYTES = 32;
const TAG_BYTES = 16;

/** Raised when a value is malformed or fails authentication; the message never holds the value. */
export class ValueCipherError extends Error {
  override readonly name = 'ValueCipherError';
}

/** The parts of an `ENC[...]` string. */
export interface EncryptedValue {
  data: Buffer;
  iv: Buffer;
  tag: Buffer;
  type: string;
}

/** True when the string has the shape of a SOPS encrypted value. */
export function isEncryptedValue(text: string): boolean {
  return ENC_PATTERN.test(text);
}

/** Splits an `ENC[...]` string into its parts. */
export function parseEncryptedValue(text: string): EncryptedValue {
  const match = ENC_PATTERN.exec(text);
  if (!match) throw new ValueCipherError('not a SOPS encrypted value (ENC[AES256_GCM,…])');
  const [, data = '', iv = '', tag = '', type = ''] = match;
  const decoded = { data: Buffer.from(data, 'base64'), iv: Buffer.from(iv, 'base64'), tag: Buffer.from(tag, 'base64'), type };
  if (decoded.iv.length === 0 || decoded.tag.length !== TAG_BYTES) throw new ValueCipherError('malformed iv or tag');
  return decoded;
}

/** Encrypts one value as SOPS does. The empty string stays empty (SOPS does not encrypt it). */
export function encryptValue(value: SopsScalar, key: Uint8Array, aad: string, iv: Uint8Array = randomBytes(NONCE_BYTES)): string {
  if (value === '') return '';
  const { bytes, type } = encodeScalar(value);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(bytes), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `ENC[AES256_GCM,data:${data.toString('base64')},iv:${Buffer.from(iv).toString('base64')},tag:${tag.toString('base64')},type:${type}]`;
}

/** Decrypts one value; the empty string decrypts to itself. Throws ValueCipherError on any failure. */
export function decryptValue(text: string, key: Uint8Array, aad: string): SopsScalar {
  if (text === '') return '';
  const parsed = parseEncryptedValue(text);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parsed.iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(parsed.tag);
    plain = Buffer.concat([decipher.update(parsed.data), decipher.final()]);
  } catch (error) {
    throw new ValueCipherError('authentication failed (wrong data key, moved or edited value)', { cause: error });
  }
  return decodeScalar(plain.toString('utf8'), parsed.type);
}

/** The bytes SOPS feeds to the MAC for a plaintext leaf (booleans as True/False, floats without exponent). */
export function macBytes(value: SopsScalar): Buffer {
  if (typeof value === 'boolean') return Buffer.from(value ? 'True' : 'False');
  if (typeof value === 'number') return Buffer.from(Number.isInteger(value) ? formatInteger(value) : formatGoFloat(value));
  return Buffer.from(value, 'utf8');
}

function encodeScalar(value: SopsScalar): { bytes: Buffer; type: string } {
  if (typeof value === 'string') return { bytes: Buffer.from(value, 'utf8'), type: 'str' };
  if (typeof value === 'boolean') return { bytes: Buffer.from(value ? 'True' : 'False'), type: 'bool' };
  if (Number.isInteger(value)) return { bytes: Buffer.from(formatInteger(value)), type: 'int' };
  return { bytes: Buffer.from(formatGoFloat(value)), type: 'float' };
}

function decodeScalar(text: string, type: string): SopsScalar {
  switch (type) {
    case 'str':
    case 'bytes':
      return text;
    case 'int':
    case 'int64':
    case 'float': {
      const number = Number(text);
      if (text.trim() === '' || Number.isNaN(number)) throw new ValueCipherError(`value of type ${type} does not parse`);
      return number;
    }
    case 'bool':
      if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text)) return true;
      if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text)) return false;
      throw new ValueCipherError('value of type bool does not parse');
    default:
      throw new ValueCipherError(`unknown value type ${JSON.stringify(type)}`);
  }
}

function formatInteger(value: number): string {
  return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
}

/** Go's strconv.FormatFloat(f, 'f', -1, 64): shortest round-trip digits, never an exponent. */
export function formatGoFloat(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', lead = '', fraction = '', exponentText = '0'] = match;
  const digits = lead + fraction;
  const exponent = Number(exponentText);
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const point = 1 + exponent;
  return point >= digits.length
    ? `${sign}${digits}${'0'.repeat(point - digits.length)}`
    : `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
