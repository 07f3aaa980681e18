import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { boundedRunMatcher } from '../../src/engine/bounded-run.js';
import { jsRegexMatcher } from '../../src/engine/matchers.js';

const AZURE = '(?<![A-Za-z0-9])([a-z2-7]{52})(?![A-Za-z0-9])';
const HEX_RANGE = '(?<![A-Za-z0-9_-])([a-f0-9]{8,12})(?![A-Za-z0-9_-])';

describe('boundedRunMatcher', () => {
  it('finds exactly the RegExp matches, on random runs around the bounds', () => {
    for (const [pattern, alphabet, lengths] of [
      [AZURE, ['a', 'q', '2', '7', '1', '8', 'Z', ' ', '\n', '_', '-', 'é', '😀'], [51, 52, 53]],
      [HEX_RANGE, ['a', 'f', '0', '9', 'g', 'A', '_', '-', ' ', '.', ':'], [7, 8, 10, 12, 13]],
    ] as const) {
      const fast = boundedRunMatcher(pattern, '', 1);
      const slow = jsRegexMatcher(pattern, '', 1);
      expect(fast).toBeDefined();
      let matched = 0;
      for (let round = 0; round < 400; round++) {
        const bytes = randomBytes(120);
        let text = '';
        for (let i = 0; i < bytes.length; i++) {
          const byte = bytes[i] as number;
          // Mostly long runs of in-class letters broken by a random character: runs near the length bounds.
          if (byte % 4 === 0) text += (alphabet[byte % alphabet.length] as string).repeat(1 + (byte % 3));
          else if (byte % 4 === 1) text += 'a'.repeat(lengths[byte % lengths.length] as number);
          else text += alphabet[byte % alphabet.length];
        }
        const expected = [...slow.matches(text)];
        expect([...(fast?.matches(text) ?? [])], text).toEqual(expected);
        matched += expected.length;
      }
      expect(matched, pattern).toBeGreaterThan(50);
    }
  });

  it('takes only its shape: flags, another group, unequal bounds or a run class wider than the bound fall back to RegExp', () => {
    expect(boundedRunMatcher(AZURE, 'i', 1)).toBeUndefined();
    expect(boundedRunMatcher(AZURE, '', 0)).toBeUndefined();
    expect(boundedRunMatcher('(?<![A-Za-z0-9])([a-z2-7]{52})(?![A-Za-z])', '', 1)).toBeUndefined();
    expect(boundedRunMatcher('(?<![A-Z])([a-z]{52})(?![A-Z])', '', 1)).toBeUndefined();
    expect(boundedRunMatcher('(?<![A-Za-z0-9])(ghp_[a-z]{36})(?![A-Za-z0-9])', '', 1)).toBeUndefined();
    expect(boundedRunMatcher('(?<![^a-z])([a-z]{52})(?![^a-z])', '', 1)).toBeUndefined();
  });
});
