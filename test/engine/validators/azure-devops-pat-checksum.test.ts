import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findValidator } from '../../../src/engine/validators/index.js';
import { azureDevOpsPat, base32 } from '../../helpers/example-tokens.js';

const validate = (secret: string) => findValidator('azure-devops-pat-checksum')!({ secret, match: secret, path: 'x' });

describe('azure-devops-pat-checksum', () => {
  it('accepts generated user and application PATs', () => {
    for (let i = 0; i < 10; i++) {
      expect(validate(azureDevOpsPat(0xe0b9692d))).toBe('checksum-valid');
      expect(validate(azureDevOpsPat(0x1019f92e))).toBe('checksum-valid');
    }
  });

  it('rejects a PAT with one character changed', () => {
    const pat = azureDevOpsPat(0xe0b9692d);
    expect(validate(pat.slice(0, 30) + (pat[30] === 'a' ? 'b' : 'a') + pat.slice(31))).toBe('invalid');
  });

  it('rejects a random base32 string and a wrong seed', () => {
    expect(validate(base32(randomBytes(32)).slice(0, 52))).toBe('invalid');
    expect(validate(azureDevOpsPat(0x12345678))).toBe('invalid');
  });
});
