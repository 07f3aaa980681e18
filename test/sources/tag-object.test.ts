import { describe, expect, it } from 'vitest';
import { gitDateToIso, parseTagObject } from '../../src/sources/index.js';

describe('parseTagObject', () => {
  it('reads target, type, name, tagger (date in its own zone) and the whole message', () => {
    const tag = parseTagObject(
      Buffer.from(
        'object 1234abcd\ntype tree\ntag snapshot\ntagger Tina Tagger <tina@example.test> 1706929506 -0230\n\nfirst line\n\nbody\n',
      ),
    );
    expect(tag).toEqual({
      object: '1234abcd',
      type: 'tree',
      tag: 'snapshot',
      tagger: { name: 'Tina Tagger', email: 'tina@example.test', date: '2024-02-03T00:35:06-02:30' },
      message: 'first line\n\nbody\n',
    });
  });

  it('accepts a tag without tagger or message', () => {
    expect(parseTagObject(Buffer.from('object ab\ntype commit\ntag old\n'))).toEqual({
      object: 'ab',
      type: 'commit',
      tag: 'old',
      message: '',
    });
  });
});

describe('gitDateToIso', () => {
  it('prints the time in the zone git recorded, as %aI does', () => {
    expect(gitDateToIso(1704067320, '+0000')).toBe('2024-01-01T00:02:00+00:00');
    expect(gitDateToIso(1704067320, '+0530')).toBe('2024-01-01T05:32:00+05:30');
  });
});
