import { describe, expect, it } from 'vitest';
import { looksLikeLiteralSecret } from '../../../src/engine/validators/literal-secret.js';

// Random 12-character passwords whose letter runs only look like words: runs of more than three
// fifths vowels (`OHEIOSCI`, `Ouazya`), or word-shaped runs among many stray mixed-case letters
// (`MUrAawfeqDU2`). Each was rejected as "wordy" before.
const RANDOM = ['rJxOHEIOSCI0', 'OuazyaU7VRdL', 'MUrAawfeqDU2', 'x5PH5OGIMexi'];
// Words with digits or symbols (placeholders, weak defaults) and identifiers of short words (`api`).
const WORDS = [
  'PASSWORD',
  'CHANGEME',
  'TODO',
  'changeme',
  'CHANGEME123',
  'DEFAULTPASS1',
  'MyDatabase2024',
  'TODOTODO1',
  'SECRETKEY99',
  'PLACEHOLDER1',
  'NOTSETYET1',
  'REPLACEME12',
  'EXAMPLEKEY1',
  'Summer2023!',
  'Welcome123',
  'heroku-api-key-v2',
];

describe('looksLikeLiteralSecret word-likeness', () => {
  it.each(RANDOM)('accepts the random password %s', (value) => {
    expect(looksLikeLiteralSecret(value)).toBe(true);
  });

  it.each(WORDS)('rejects the word-made value %s', (value) => {
    expect(looksLikeLiteralSecret(value)).toBe(false);
  });

  it('accepts 12 random characters of three classes that repeat a few by chance, not a repeated pattern', () => {
    for (const value of ['GR59TMMGbI59', 'dMYadJS0dind', 'KZF31T5FKc3Z']) expect(looksLikeLiteralSecret(value), value).toBe(true);
    for (const value of ['Abc123Abc123', 'aB1aB1aB1aB1', 'Xy12Xy12Xy12']) expect(looksLikeLiteralSecret(value), value).toBe(false);
  });
});
