import { describe, expect, it } from 'vitest';
import { displayPath, listedPath } from '../../src/sources/index.js';

describe('displayPath', () => {
  it('keeps valid UTF-8 (accents, astral characters) unchanged', () => {
    for (const name of ['src/app.ts', 'docs/café.md', 'emoji/😀.txt']) expect(displayPath(Buffer.from(name))).toBe(name);
  });

  it('writes each byte of an invalid sequence as \\xNN and keeps the valid parts around it', () => {
    const latin1 = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('/é.env')]);
    expect(displayPath(latin1)).toBe('caf\\xe9/é.env');
    expect(displayPath(Buffer.from([0xc0, 0xaf, 0x41]))).toBe('\\xc0\\xafA');
    expect(displayPath(Buffer.from([0xed, 0xa0, 0x80]))).toBe('\\xed\\xa0\\x80');
    expect(displayPath(Buffer.from([0x61, 0xf0, 0x9f]))).toBe('a\\xf0\\x9f');
  });

  it('keeps the raw bytes only of a name that is not valid UTF-8', () => {
    expect(listedPath(Buffer.from('plain.txt'))).toEqual({ path: 'plain.txt' });
    const raw = Buffer.from([0x66, 0xff]);
    expect(listedPath(raw)).toEqual({ path: 'f\\xff', raw });
  });
});
