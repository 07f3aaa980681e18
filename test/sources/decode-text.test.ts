import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { decodeText } from '../../src/sources/decode-text.js';

/** What decodeText always returned: the WHATWG UTF-8 decoder (BOM dropped, broken sequences as U+FFFD). */
const reference = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);

describe('decodeText', () => {
  it('gives the UTF-8 decoder’s text for ASCII, UTF-8, a BOM and broken sequences', () => {
    const samples = ['plain ASCII\nAPI_KEY="abc"\r\n\ttab\u007f', '', 'caf\u00e9 \u2603 \ud83d\udd11 key', '\ufeffBOM first'].map((text) =>
      Buffer.from(text, 'utf8'),
    );
    samples.push(Buffer.from([0x61, 0xc3, 0x28, 0x62]), Buffer.from([0x80, 0x41]), Buffer.from([0xef, 0xbb, 0xbf]));
    for (const bytes of samples) expect(decodeText(bytes)).toBe(reference(bytes));
  });

  it('decodes a Uint8Array view into a larger buffer (not a Buffer) by its own bytes only', () => {
    const backing = new Uint8Array(Buffer.from('xxAPI_KEY=abcyy'));
    const view = backing.subarray(2, 13);
    expect(decodeText(view)).toBe('API_KEY=abc');
    expect(decodeText(new Uint8Array(Buffer.from('é=1')).subarray(0))).toBe('é=1');
  });

  it('agrees with the UTF-8 decoder on random bytes, ASCII-only and mixed', () => {
    for (let round = 0; round < 200; round++) {
      const bytes = randomBytes(1 + (round % 40) * 7);
      if (round % 2 === 0) for (let i = 0; i < bytes.length; i++) bytes[i] = (bytes[i] as number) & 0x7f;
      expect(decodeText(bytes)).toBe(reference(bytes));
    }
  });

  it('decodes a large file in pieces the same as whole: accents here and there, a BOM inside, broken sequences, random bytes', () => {
    const lines = Array.from({ length: 20000 }, (_, i) => (i % 997 === 0 ? `caf\u00e9 ${i} \ud83d\udd11` : `plain line ${i} of text`));
    lines[5000] = '\ufeffa BOM inside';
    const text = Buffer.from(`\ufeff${lines.join('\n')}`, 'utf8');
    expect(decodeText(text)).toBe(reference(text));
    const broken = Buffer.concat([text, Buffer.from([0xe2, 0x82, 0x0a, 0xc3]), text.subarray(0, 200_000)]);
    expect(decodeText(broken)).toBe(reference(broken));
    const noise = randomBytes(400_000);
    for (let i = 0; i < noise.length; i += 50) noise[i] = 10;
    expect(decodeText(noise)).toBe(reference(noise));
  });
});
