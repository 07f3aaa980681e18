import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { base64Runs } from '../../src/engine/decoders.js';

/** The obvious (slower) definition: maximal runs of base64 characters, plus up to two `=`. */
function referenceRuns(text: string, min: number): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/[A-Za-z0-9+/]+/g)) {
    if (m[0].length < min) continue;
    let end = m.index + m[0].length;
    while (end < text.length && end - (m.index + m[0].length) < 2 && text[end] === '=') end += 1;
    out.push([m.index, end]);
  }
  return out;
}

describe('base64Runs', () => {
  it('finds exactly the maximal runs a RegExp finds, on random mixes', () => {
    const alphabet = 'aZ09+/= \n._-"';
    for (let round = 0; round < 300; round++) {
      const bytes = randomBytes(200 + (round % 50) * 20);
      let text = '';
      for (const byte of bytes) text += byte % 5 === 0 ? alphabet[byte % alphabet.length] : 'Ab3'[byte % 3];
      for (const min of [4, 16, 20]) expect(base64Runs(text, min)).toEqual(referenceRuns(text, min));
    }
  });
  it('handles runs at the very start and end, and texts shorter than the minimum', () => {
    expect(base64Runs('cGFzc3dvcmQxMjM0NTY=', 16)).toEqual([[0, 20]]);
    expect(base64Runs('x: cGFzc3dvcmQxMjM0NTY', 16)).toEqual([[3, 22]]);
    expect(base64Runs('short', 16)).toEqual([]);
  });
});
