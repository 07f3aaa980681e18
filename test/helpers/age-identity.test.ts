import { describe, expect, it } from 'vitest';
import { Decrypter, Encrypter, identityToRecipient } from 'age-encryption';
import { newAgeIdentity } from './age-identity.js';

describe('test age identities (no age-keygen needed)', () => {
  it('match what the age-encryption library derives, and decrypt what is encrypted to their recipient', async () => {
    for (let i = 0; i < 20; i++) {
      const { identity, recipient } = newAgeIdentity();
      expect(identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
      expect(await identityToRecipient(identity)).toBe(recipient);
    }
    const { identity, recipient } = newAgeIdentity();
    const encrypter = new Encrypter();
    encrypter.addRecipient(recipient);
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity);
    expect(await decrypter.decrypt(await encrypter.encrypt('hello'), 'text')).toBe('hello');
  });
});
