import { describe, expect, it } from 'vitest';
import { dotenvEntries, formatDotenv } from '../../../src/cli/store/dotenv-file.js';
import { randomValue } from '../../store/helpers.js';

/** The plaintext dotenv reader/writer behind `secrets import` and `secrets export --format dotenv`. */

describe('dotenv files', () => {
  it('reads export prefixes, comments, quotes, escapes and multi-line values', () => {
    const text = [
      '# comment',
      'export A=plain value # trailing comment',
      "B='single $literal \\n'",
      'C="double\\nescaped \\"q\\" \\\\"',
      'D="first',
      'second"',
      'E=',
      '',
      'F = spaced',
    ].join('\n');
    expect(dotenvEntries(text)).toEqual({
      entries: [
        ['A', 'plain value'],
        ['B', 'single $literal \\n'],
        ['C', 'double\nescaped "q" \\'],
        ['D', 'first\nsecond'],
        ['E', ''],
        ['F', 'spaced'],
      ],
      problems: [],
    });
  });

  it('writes what it reads back, whatever the characters', () => {
    const entries: Array<[string, string]> = [
      ['SIMPLE', randomValue()],
      ['SPACES', `${randomValue()} and "quotes" and 'apostrophes' # not a comment`],
      ['LINES', `-----BEGIN-----\n${randomValue()}\n-----END-----\n`],
      ['BACKSLASH', 'a\\nb\\'],
      ['EMPTY', ''],
    ];
    expect(dotenvEntries(formatDotenv(entries)).entries).toEqual(entries);
  });
});
