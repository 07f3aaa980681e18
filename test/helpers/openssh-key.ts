import { generateKeyPairSync, randomBytes } from 'node:crypto';

/**
 * A new unencrypted Ed25519 private key in the OpenSSH format (`openssh-key-v1`), made
 * in-process, as `ssh-keygen -t ed25519 -N ''` writes it: tests need no ssh-keygen binary.
 * Format: https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.key
 */
export function newOpenSshEd25519Key(comment = 'deploy@ci'): string {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d as string, 'base64url');
  const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
  const str = (value: Buffer | string) => {
    const bytes = Buffer.from(value);
    return Buffer.concat([u32(bytes.length), bytes]);
  };
  const publicBlob = Buffer.concat([str('ssh-ed25519'), str(pub)]);
  const check = randomBytes(4);
  let secret = Buffer.concat([check, check, str('ssh-ed25519'), str(pub), str(Buffer.concat([seed, pub])), str(comment)]);
  const padding = Buffer.from(Array.from({ length: (8 - (secret.length % 8)) % 8 }, (_, i) => i + 1));
  secret = Buffer.concat([secret, padding]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    str('none'),
    str('none'),
    str(''),
    u32(1),
    str(publicBlob),
    str(secret),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}
