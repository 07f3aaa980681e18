/** New passwords for the providers that choose them (databases, brokers). */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random password of `length` characters from [A-Za-z0-9] (about 5.95 bits each: 32 characters
 * ≈ 190 bits). Letters and digits only, so it needs no escaping in URLs, shells, SQL or config files.
 * Bytes ≥ 248 are dropped so that every character is equally likely.
 */
export function generatePassword(randomBytes: (size: number) => Buffer, length = 32): string {
  const chars: string[] = [];
  while (chars.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= 248) continue;
      chars.push(ALPHABET[byte % 62] as string);
      if (chars.length === length) break;
    }
  }
  return chars.join('');
}
