import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { base64Runs, findEncodedSegments } from '../../src/engine/decoders.js';

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
  it('finds runs whose window holds a break near its start or end, as the backward probe skips past breaks', () => {
    const texts = [
      `.${'A'.repeat(15)}.${'B'.repeat(16)}.`,
      `${'a'.repeat(15)} ${'b'.repeat(15)} ${'c'.repeat(17)}`,
      `x${'-'.repeat(3)}${'Q'.repeat(31)}-${'z'.repeat(16)}==`,
      `${'9'.repeat(16)}`,
      Array.from({ length: 40 }, (_, i) => 'k'.repeat(i % 19) + (i % 3 ? ' ' : '.')).join(''),
    ];
    for (const text of texts) for (const min of [4, 16, 20]) expect(base64Runs(text, min)).toEqual(referenceRuns(text, min));
  });
  it('handles runs at the very start and end, and texts shorter than the minimum', () => {
    expect(base64Runs('cGFzc3dvcmQxMjM0NTY=', 16)).toEqual([[0, 20]]);
    expect(base64Runs('x: cGFzc3dvcmQxMjM0NTY', 16)).toEqual([[3, 22]]);
    expect(base64Runs('short', 16)).toEqual([]);
  });
});

/** The obvious (quadratic) definition of JSON-escaped strings: from each escape, walk to the nearest unescaped quote on its line either side. */
function referenceJsonSegments(text: string): { start: number; end: number; decoded: string }[] {
  const quoteAt = (from: number, step: 1 | -1): number => {
    for (let i = from; i >= 0 && i < text.length; i += step) {
      if (text[i] === '\n') return -1;
      if (text[i] !== '"') continue;
      let slashes = 0;
      for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes += 1;
      if (slashes % 2 === 0) return i;
    }
    return -1;
  };
  const out: { start: number; end: number; decoded: string }[] = [];
  let coveredTo = -1;
  for (const m of text.matchAll(/\\(?:n|u[0-9A-Fa-f]{4}|\/)/g)) {
    if (m.index < coveredTo) continue;
    const open = quoteAt(m.index - 1, -1);
    const close = open === -1 ? -1 : quoteAt(m.index + m[0].length, 1);
    if (close === -1) {
      coveredTo = m.index + m[0].length;
      continue;
    }
    coveredTo = close + 1;
    try {
      const decoded = JSON.parse(text.slice(open, close + 1)) as string;
      if (decoded.length >= 8) out.push({ start: open + 1, end: close, decoded });
    } catch {
      // not a JSON string
    }
  }
  return out;
}

describe('JSON-escaped strings', () => {
  const jsonSegments = (text: string) =>
    findEncodedSegments(text)
      .filter((s) => s.decoder === 'json-escape')
      .map(({ start, end, decoded }) => ({ start, end, decoded }));

  it('finds exactly what the walk to the nearest quotes finds, on random mixes', () => {
    const pieces = ['"', '\\', '\\n', '\\"', '\n', "'", 'abcdefgh', 'x', ' ', '\\u0041', '\\/', '\\\\'];
    let segments = 0;
    for (let round = 0; round < 500; round++) {
      const bytes = randomBytes(60 + (round % 40));
      const text = [...bytes].map((byte) => pieces[byte % pieces.length]).join('');
      const expected = referenceJsonSegments(text);
      expect(jsonSegments(text), JSON.stringify(text)).toEqual(expected);
      segments += expected.length;
    }
    expect(segments).toBeGreaterThan(100);
  });
  it('decodes a string with escaped quotes, and skips escapes outside double quotes or across lines', () => {
    expect(jsonSegments('x = "ab\\"cd\\nef";')).toEqual([{ start: 5, end: 15, decoded: 'ab"cd\nef' }]);
    expect(jsonSegments("x = 'abcdef\\nghijkl';")).toEqual([]);
    expect(jsonSegments('x = "abcdef\\n\nghijkl";')).toEqual([]);
  });
});

/** The obvious definition of percent-encoded runs: a RegExp for each escape, the token around it decoded. */
function referencePercentSegments(text: string): { start: number; end: number; decoded: string }[] {
  const boundary = (ch: string | undefined): boolean => ch === undefined || /[\s"'`<>()[\]{},;]/.test(ch);
  const out: { start: number; end: number; decoded: string }[] = [];
  let coveredTo = -1;
  for (const m of text.matchAll(/%[0-9A-Fa-f]{2}/g)) {
    if (m.index < coveredTo) continue;
    let start = m.index;
    while (start > 0 && !boundary(text[start - 1])) start -= 1;
    let end = m.index + 3;
    while (end < text.length && !boundary(text[end])) end += 1;
    coveredTo = end;
    const run = text.slice(start, end);
    const decoded = run.replace(/(?:%[0-9A-Fa-f]{2})+/g, (bytes) => {
      try {
        return decodeURIComponent(bytes);
      } catch {
        return bytes;
      }
    });
    if (decoded !== run && decoded.length >= 8) out.push({ start, end, decoded });
  }
  return out;
}

describe('escapes found without a RegExp', () => {
  const segments = (text: string, decoder: string) =>
    findEncodedSegments(text)
      .filter((s) => s.decoder === decoder)
      .map(({ start, end, decoded }) => ({ start, end, decoded }));

  it('finds exactly the percent-encoded runs a RegExp finds, broken escapes and `%` at the end included', () => {
    const pieces = ['%', '%4', '%41', '%2F', '%zz', '%%41', 'abcdefgh', 'x', ' ', '"', '%E2%82%AC', '%E2%82'];
    let found = 0;
    for (let round = 0; round < 500; round++) {
      const text = [...randomBytes(40 + (round % 30))].map((byte) => pieces[byte % pieces.length]).join('');
      const expected = referencePercentSegments(text);
      expect(segments(text, 'percent'), JSON.stringify(text)).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(100);
  });

  it('finds exactly the JSON-escaped strings the walk finds when backslashes start no escape (regexes, paths, cut \\u escapes)', () => {
    const pieces = ['"', '\\', '\\d', '\\u12', '\\u00e9', '\\\\n', '\\n', 'abcdefgh', '\n', 'C:\\Temp', '\\/'];
    let found = 0;
    for (let round = 0; round < 2000; round++) {
      const text = [...randomBytes(40 + (round % 30))].map((byte) => pieces[byte % pieces.length]).join('');
      const expected = referenceJsonSegments(text);
      expect(segments(text, 'json-escape'), JSON.stringify(text)).toEqual(expected);
      found += expected.length;
    }
    // About 0.1 segment per round on average: 2,000 rounds make the floor below safe from chance.
    expect(found).toBeGreaterThan(100);
  });
});

/** The plain definition of base64 segments: every run (base64Runs, shown equal to a RegExp above) decoded with Buffer and judged in full. */
function referenceBase64Segments(text: string): { start: number; end: number; decoded: string }[] {
  const out: { start: number; end: number; decoded: string }[] = [];
  for (const [start, end] of base64Runs(text)) {
    const run = text.slice(start, end);
    if (run.length % 4 === 1 || !/[0-9+/=]/.test(run) || /^[0-9a-fA-F]+=*$/.test(run)) continue;
    const bytes = Buffer.from(run, 'base64');
    if (bytes.length < 8 || bytes.includes(0)) continue;
    const printable = [...bytes].filter((b) => (b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13).length;
    const decoded = bytes.toString('utf8');
    if (printable / bytes.length >= 0.95 && !decoded.includes('\ufffd')) out.push({ start, end, decoded });
  }
  return out;
}

describe('base64 segments', () => {
  const segments = (text: string) =>
    findEncodedSegments(text)
      .filter((s) => s.decoder === 'base64')
      .map(({ start, end, decoded }) => ({ start, end, decoded }));

  it('tells hashes and words from base64 of text as a full read of the run does: hex alone, letters alone, digits, signs and padding', () => {
    const pieces = ['deadbeef', 'DEADBEEF', '0123', 'cGFzc3dv', 'QUJD', 'abcdefgh', 'ZZZZ', '+/', '=', '==', 'x', ' ', '"', '.'];
    let kept = 0;
    for (let round = 0; round < 1500; round++) {
      const text = [...randomBytes(8 + (round % 24))].map((byte) => pieces[byte % pieces.length]).join('');
      const expected = referenceBase64Segments(text);
      expect(segments(text), JSON.stringify(text)).toEqual(expected);
      kept += expected.length;
    }
    expect(kept).toBeGreaterThan(10);
  });

  it('keeps exactly the runs a full decode keeps: text with a few unprintable bytes, NULs, padding, paths and random bytes', () => {
    const printable = (length: number) => [...randomBytes(length)].map((b) => String.fromCharCode(0x20 + (b % 95))).join('');
    const encoded = (bytes: Buffer) => bytes.toString('base64');
    let kept = 0;
    for (let round = 0; round < 400; round++) {
      const length = 6 + (round % 90);
      const body = Buffer.from(printable(length), 'latin1');
      // Sprinkle 0–6 unprintable bytes (sometimes a NUL): around the 5% line for most lengths.
      for (let k = 0; k < round % 7; k++) body[(k * 37 + round) % body.length] = k === 3 && round % 5 === 0 ? 0 : 0x80 + k;
      const pieces = [
        encoded(body),
        encoded(body).replace(/=+$/, ''),
        encoded(randomBytes(length)),
        `src/lib/${printable(20).replace(/[^A-Za-z0-9]/g, 'a')}/index`,
        encoded(Buffer.from(printable(length))),
      ];
      const text = pieces.map((piece, i) => `k${i}: "${piece}"`).join('\n');
      const expected = referenceBase64Segments(text);
      expect(segments(text), text).toEqual(expected);
      kept += expected.length;
    }
    expect(kept).toBeGreaterThan(400);
  });
});
