import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../src/store/index.js';
import { dotenvEntries } from '../../src/cli/store/dotenv-file.js';
import { dotenvAssignments } from '../../src/fix/dotenv-lines.js';

/** The one dotenv reader behind `secrets import` and `fix`. */

describe('parseDotenv', () => {
  const text = ['# c', 'A=1', 'B="x', 'y"  # after', 'not an assignment', "C='open", '', 'export D=`tick`'].join('\n');

  it('gives each assignment its key, value, first line and exact span', () => {
    const { assignments } = parseDotenv(text);
    expect(assignments.map(({ key, value, line }) => [key, value, line])).toEqual([
      ['A', '1', 2],
      ['B', 'x\ny', 3],
      ['C', "'open", 6],
      ['D', 'tick', 8],
    ]);
    const b = assignments[1];
    expect(text.slice(b?.start, b?.end)).toBe('B="x\ny"  # after\n');
    const d = assignments[3];
    expect(text.slice(d?.start, d?.end)).toBe('export D=`tick`');
  });

  it('lists each unreadable line by number without quoting it', () => {
    expect(parseDotenv(text).problems).toEqual([
      { line: 5, message: 'not NAME=VALUE' },
      { line: 6, message: 'unterminated single quote' },
    ]);
  });

  it('reads CRLF files as LF ones, spans still in the original text', () => {
    const crlf = 'A=1\r\nB="x\r\ny"\r\n';
    const { assignments, problems } = parseDotenv(crlf);
    expect(problems).toEqual([]);
    expect(assignments.map((a) => [a.key, a.value, a.line])).toEqual([
      ['A', '1', 1],
      ['B', 'x\ny', 2],
    ]);
    expect(crlf.slice(assignments[1]?.start, assignments[1]?.end)).toBe('B="x\r\ny"\r\n');
  });

  it('is what both callers derive from: import skips unterminated values, fix keeps their line', () => {
    expect(dotenvEntries(text)).toEqual({
      entries: [
        ['A', '1'],
        ['B', 'x\ny'],
        ['D', 'tick'],
      ],
      problems: ['line 5: not NAME=VALUE', 'line 6: unterminated single quote'],
    });
    expect(dotenvAssignments(text).map((a) => a.key)).toEqual(['A', 'B', 'C', 'D']);
  });
});
