import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireTools } from './external-tools.js';
import { newOpenSshEd25519Key } from './openssh-key.js';

describe('test OpenSSH keys (no ssh-keygen needed)', () => {
  it('have the openssh-key-v1 layout: magic, no cipher, one ssh-ed25519 key', () => {
    const key = newOpenSshEd25519Key();
    const body = Buffer.from(key.split('\n').slice(1, -2).join(''), 'base64');
    expect(body.subarray(0, 15).toString('latin1')).toBe('openssh-key-v1\0');
    expect(body.toString('latin1')).toContain('ssh-ed25519');
    expect(key).toMatch(
      /^-----BEGIN OPENSSH PRIVATE KEY-----\n([A-Za-z0-9+/=]{70}\n)+[A-Za-z0-9+/=]{1,70}\n-----END OPENSSH PRIVATE KEY-----\n$/,
    );
  });

  it.runIf(requireTools('test/helpers/openssh-key.test.ts', ['ssh-keygen']))(
    'are read by ssh-keygen, which derives the public key with the comment',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'unleak-ssh-'));
      try {
        const file = join(dir, 'id');
        writeFileSync(file, newOpenSshEd25519Key('someone@host'), { mode: 0o600 });
        expect(execFileSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' })).toMatch(
          /^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]+ someone@host\n$/,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
