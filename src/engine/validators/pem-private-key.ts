import { nodeCrypto } from '../../node-crypto.js';

/** True when the text is a private key that node:crypto can parse (PEM, PKCS#1, PKCS#8, SEC1, OpenSSH). */
export function parsesAsPrivateKey(text: string): boolean {
  const pem = text.replace(/\r\n/g, '\n');
  if (/-----BEGIN OPENSSH PRIVATE KEY-----/.test(pem)) return looksLikeOpenSshKey(pem);
  if (/ENCRYPTED/.test(pem)) return looksLikeBase64Body(pem);
  try {
    nodeCrypto().createPrivateKey({ key: pem, format: 'pem' });
    return true;
  } catch {
    return false;
  }
}

function base64Body(pem: string): string {
  return pem
    .split('\n')
    .filter((line) => !line.startsWith('-----') && !line.includes(':'))
    .join('')
    .replace(/\s+/g, '');
}

function looksLikeBase64Body(pem: string): boolean {
  const body = base64Body(pem);
  return body.length >= 64 && /^[A-Za-z0-9+/]+={0,2}$/.test(body);
}

/** OpenSSH keys: node:crypto cannot read them; check the `openssh-key-v1` magic inside. */
function looksLikeOpenSshKey(pem: string): boolean {
  const body = base64Body(pem);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return false;
  return Buffer.from(body, 'base64').subarray(0, 15).toString('latin1') === 'openssh-key-v1\0';
}
