import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';

/**
 * SCRAM-SHA-256 password verifiers, the form PostgreSQL stores (RFC 7677, RFC 5802; PostgreSQL
 * docs "Password Authentication"). Sending the verifier instead of the password keeps the
 * plaintext out of the server's statement log, as psql's \password does.
 * https://www.postgresql.org/docs/current/sasl-authentication.html
 */

const ITERATIONS = 4096;

/** True when SASLprep leaves the password unchanged (printable ASCII), so a client-side verifier is exact. */
export function verifierSafe(password: string): boolean {
  return /^[\x20-\x7e]+$/.test(password);
}

/** `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` for a password and salt. */
export function scramVerifier(password: string, salt: Buffer, iterations = ITERATIONS): string {
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
