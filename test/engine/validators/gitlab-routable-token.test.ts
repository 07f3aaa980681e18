import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';
import { crc32 } from '../../../src/engine/validators/crc32.js';

const validate = (secret: string) => findValidator('gitlab-routable-token')!({ secret, match: secret, path: 'x' });

/** Builds a token as GitLab's RoutableToken generator does. */
function makeToken(prefix: string, versioned = true): string {
  const routing = `o:${Math.floor(Math.random() * 1e6).toString(36)}\nu:${Math.floor(Math.random() * 1e8).toString(36)}`;
  const payload = Buffer.concat([randomBytes(16), Buffer.from(routing), Buffer.from([routing.length])]).toString('base64url');
  const length = payload.length.toString(36).padStart(2, '0');
  const encoded = `${prefix}${payload}.${versioned ? '01.' : ''}${length}`;
  return encoded + crc32(encoded).toString(36).padStart(7, '0');
}

describe('gitlab-routable-token', () => {
  it('accepts generated tokens of several kinds and both versions', () => {
    for (const prefix of ['glpat-', 'glrt-t1_', 'glagent-']) {
      expect(validate(makeToken(prefix))).toBe('checksum-valid');
      expect(validate(makeToken(prefix, false))).toBe('checksum-valid');
    }
  });

  it('rejects a token with one character changed', () => {
    const token = makeToken('glpat-');
    expect(validate(token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11))).toBe('invalid');
    expect(validate(token.slice(0, -1) + (token.endsWith('0') ? '1' : '0'))).toBe('invalid');
  });

  it('rejects a prefix swapped after the checksum was computed, and a legacy token', () => {
    expect(validate(makeToken('glpat-').replace('glpat-', 'glrtr-'))).toBe('invalid');
    expect(validate('glpat-Xk2vR9qLmT4wYb7NcP1s')).toBe('invalid');
  });
});
