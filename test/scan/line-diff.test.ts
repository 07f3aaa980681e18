import { describe, expect, it } from 'vitest';
import { hashLines, LineSet, newLineSpans, type TextLines } from '../../src/scan/line-diff.js';
import { farKeywordsOf, sparseText } from '../../src/scan/sparse-text.js';
import { compileJs, testRule } from '../helpers/rules.js';
import { BufferPool, threadPool } from '../../src/sources/buffer-pool.js';
import { Lineage, type LineageTask } from '../../src/scan/blob-lineage.js';
import type { TextScanner } from '../../src/scan/text-scanner.js';
import type { Finding } from '../../src/engine/index.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const spansOf = (older: string, newer: string) => {
  const next = bytes(newer);
  const old = hashLines(bytes(older));
  return newLineSpans(hashLines(next), old, () => new LineSet(old)).map(([s, e]) => next.subarray(s, e).toString('utf8'));
};

describe('line hashes and new-line spans', () => {
  it('hashes equal lines equally wherever they start (any alignment, last line with or without a newline)', () => {
    for (const prefix of ['', 'a\n', 'ab\n', 'abc\n', 'abcd\n']) {
      const lines = hashLines(bytes(`${prefix}same line here\nsame line here`));
      const n = lines.count;
      expect(lines.first[n - 1]).toBe(lines.first[n - 2]);
      expect(lines.second[n - 1]).toBe(lines.second[n - 2]);
    }
    const a = hashLines(bytes('abcdefgh\nabcdefgi\n'));
    expect(a.count).toBe(2);
    expect([a.first[0], a.second[0]]).not.toEqual([a.first[1], a.second[1]]);
  });

  it('tells apart lines that differ in their last bytes (the part of a word before the newline), at every length and alignment', () => {
    for (let length = 1; length <= 9; length++) {
      for (let shift = 0; shift < 4; shift++) {
        const line = 'k'.repeat(length);
        const changed = `${line.slice(0, -1)}j`;
        const lines = hashLines(bytes(`${'p'.repeat(shift)}\n${line}\n${changed}\n${line}\n${line}\u0000\n${line}`));
        const key = (at: number) => `${lines.first[at]}:${lines.second[at]}`;
        expect(key(1), `${length} bytes after ${shift}`).toBe(key(3));
        expect(key(1)).toBe(key(5));
        expect(key(1)).not.toBe(key(2));
        expect(key(1), 'a trailing zero byte').not.toBe(key(4));
      }
    }
  });

  it('splits at every newline: starts and ends exclude the newline, an empty text is one empty line', () => {
    const lines = hashLines(bytes('x\n\nyz\n'));
    expect([...lines.starts.subarray(0, lines.count)]).toEqual([0, 2, 3]);
    expect([...lines.ends.subarray(0, lines.count)]).toEqual([1, 2, 5]);
    expect(hashLines(bytes('')).count).toBe(1);
  });

  it('gives the runs of lines the older version does not have', () => {
    expect(spansOf('a\nb\nc\nd\n', 'a\nB\nC\nd\n')).toEqual(['B\nC']);
    expect(spansOf('a\nb\nc\nd\n', 'a\nc\nd\nb\n'), 'a line moved down: new to a line-by-line reading, scanned again').toEqual(['b']);
    expect(spansOf('a\nb\n', 'a\nb\n')).toEqual([]);
    expect(spansOf('', 'new\nlines\n')).toEqual(['new\nlines']);
    expect(spansOf('x=1\n', 'x=1\r\n'), 'a CRLF line is another line').toEqual(['x=1\r']);
  });

  it('finds kept lines after long deletions and blocks moved far (the lookup table), and only builds the table then', () => {
    const many = Array.from({ length: 300 }, (_, i) => `line ${i}`);
    const moved = [...many.slice(200), ...many.slice(0, 200), 'new one'];
    const spans = spansOf(`${many.join('\n')}\n`, `${moved.join('\n')}\n`);
    expect(spans.at(-1)).toBe('new one');
    expect(spans.join('\n').split('\n').length, 'a few lines before the table is asked, not the 300 moved').toBeLessThanOrEqual(5);
    const deleted = [...many.slice(0, 10), ...many.slice(150)];
    expect(spansOf(`${many.join('\n')}\n`, `${deleted.join('\n')}\n`)).toEqual([]);
    const old = hashLines(bytes(`${many.join('\n')}\n`));
    let built = 0;
    const edited = [...many];
    edited[100] = 'changed';
    edited.splice(50, 3);
    const next = bytes(`${edited.join('\n')}\n`);
    const edits = newLineSpans(hashLines(next), old, () => {
      built += 1;
      return new LineSet(old);
    });
    expect(edits.map(([s, e]) => next.subarray(s, e).toString())).toEqual(['changed']);
    expect(built, 'an edit and a short deletion resynchronise without the table').toBe(0);
  });

  it('finds the first line with given hashes by scanning at first, by a table once asked many times, alike', () => {
    const text = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? '}' : `line ${i % 50}`)).join('\n');
    const lines = hashLines(bytes(text));
    const set = new LineSet(lines);
    const firstIndex = (a: number, b: number) => {
      for (let i = 0; i < lines.count; i++) if (lines.first[i] === a && lines.second[i] === b) return i;
      return -1;
    };
    const absent = hashLines(bytes('not in the text\nnor this'));
    const queries: [number, number][] = [
      ...Array.from({ length: lines.count }, (_, i): [number, number] => [lines.first[i] as number, lines.second[i] as number]),
      [absent.first[0] as number, absent.second[0] as number],
      // The first hash of a line with another second hash: not that line.
      [lines.first[3] as number, (lines.second[3] as number) ^ 1],
    ];
    const few = [...queries.slice(0, 10), ...queries.slice(250)];
    const answers = (asked: [number, number][]) => asked.map(([a, b]) => set.find(a, b));
    const expected = (asked: [number, number][]) => asked.map(([a, b]) => firstIndex(a, b));
    expect(answers(few), 'by scanning').toEqual(expected(few));
    expect(set.bytes, 'no table for a few lookups').toBe(lines.count * 8);
    for (let i = 0; i < 30; i++) set.find(absent.first[1] as number, absent.second[1] as number);
    expect(answers(queries), 'by the table').toEqual(expected(queries));
    expect(set.bytes, 'the table, once the scans cost as much').toBeGreaterThan(lines.count * 8);
  });

  it('takes its arrays from a pool and gives them back', () => {
    const pool = new BufferPool();
    const big = bytes(`${'line of text\n'.repeat(20000)}`);
    const lines = hashLines(big, pool);
    const set = new LineSet(lines, pool);
    expect(set.find(lines.first[5] as number, lines.second[5] as number)).toBe(0);
    set.release();
    const again = pool.acquire(64 * 1024);
    expect(again.byteLength).toBeGreaterThanOrEqual(64 * 1024);
  });
});

describe('sparse text of a focused scan', () => {
  it('keeps line numbers and columns: focus lines and their context decoded, every other line empty', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} é`);
    lines[150] = 'the new line with ünïcode';
    const data = bytes(`${lines.join('\n')}\n`);
    const hashed = hashLines(data);
    const start = data.indexOf('the new line');
    const { text, focus } = sparseText(data, hashed, [[start, start + Buffer.byteLength(lines[150] as string)]]);
    const out = text.split('\n');
    expect(out).toHaveLength(200);
    expect(text.slice(focus[0]?.[0], focus[0]?.[1])).toBe(lines[150]);
    expect(out[150]).toBe(lines[150]);
    expect(out[137], '12 lines of context before').toBe(lines[137]);
    expect(out[152], '2 lines after').toBe(lines[152]);
    expect(out[153]).toBe('');
    expect(out[0], 'within the lookbehind bytes before the context').toBe(lines[0]);
  });

  it('keeps every line of a window and the focus text, ASCII (one buffer) or not (piece by piece), alike', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (const accent of ['', 'é']) {
      for (let round = 0; round < 20; round++) {
        const lines = Array.from(
          { length: 400 + random(400) },
          (_, i) => `line ${i} ${'x'.repeat(random(60))}${i % 97 === 0 ? accent : ''}`,
        );
        const data = bytes(`${lines.join('\n')}${random(2) ? '\n' : ''}`);
        const hashed = hashLines(data);
        const picked = [...new Set(Array.from({ length: 1 + random(6) }, () => random(lines.length)))].sort((a, b) => a - b);
        const spans = picked.map((i) => [hashed.starts[i] as number, hashed.ends[i] as number] as [number, number]);
        const { text, focus } = sparseText(data, hashed, spans);
        const out = text.split('\n');
        expect(out.length).toBe(hashed.count);
        out.forEach((line, i) => expect(line === '' || line === (lines[i] ?? ''), `line ${i}`).toBe(true));
        picked.forEach((i, k) => {
          expect(out[i]).toBe(lines[i]);
          expect(out[Math.max(0, i - 12)]).toBe(lines[Math.max(0, i - 12)]);
          expect(text.slice(focus[k]?.[0], focus[k]?.[1])).toBe(lines[i]);
        });
      }
    }
  });

  it('gives ASCII, UTF-8 (offsets moved to UTF-16 units) and broken UTF-8 (decoded window by window) the same text and spans, far lookbehinds included', () => {
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const far = /kind: secret|"secret"/i;
    for (let round = 0; round < 40; round++) {
      const lines = Array.from({ length: 300 + random(900) }, (_, i) =>
        random(40) === 0 ? `"kind": "Secret", ${i}` : `line ${i} ${'y'.repeat(random(90))}${random(30) === 0 ? ' 😀' : ''}`,
      );
      const picked = [...new Set(Array.from({ length: 1 + random(8) }, () => random(lines.length)))].sort((a, b) => a - b);
      const marked = picked[random(picked.length)] as number;
      const build = (mark: Buffer) => {
        const parts = lines.map((line, i) => (i === marked ? Buffer.concat([bytes(`${line} `), mark]) : bytes(line)));
        const data = Buffer.concat(parts.flatMap((part, i) => (i ? [bytes('\n'), part] : [part])).concat(round % 2 ? [bytes('\n')] : []));
        const hashed = hashLines(data);
        const spans = picked.map((i) => [hashed.starts[i] as number, hashed.ends[i] as number] as [number, number]);
        return sparseText(data, hashed, spans, round % 5 === 4 ? 'always' : round % 5 === 3 ? undefined : far, new BufferPool());
      };
      const ascii = build(bytes('x'));
      const text = lines.map((line, i) => (i === marked ? `${line} x` : line));
      const out = ascii.text.split('\n');
      expect(out.length, `round ${round}`).toBe(lines.length);
      out.forEach((line, i) => expect(line === '' || line === (text[i] ?? ''), `round ${round}, line ${i}`).toBe(true));
      const utf8 = build(bytes('é'));
      const broken = build(Buffer.from([0xff]));
      expect(utf8.text.replace('é', 'x'), `round ${round}`).toBe(ascii.text);
      expect(utf8.focus).toEqual(ascii.focus);
      expect(broken.text.replace('\ufffd', 'x'), `round ${round}`).toBe(ascii.text);
      expect(broken.focus).toEqual(ascii.focus);
    }
  });

  it('keeps a far lookbehind from the end of the window before, also when a later focus span joins the window', () => {
    // ~40 bytes a line: a focus at 100, one at 180 (its own window, its lookbehind cut at the first's end),
    // and one at 185 that joins the second window and would reach back past the first one.
    const lines = Array.from({ length: 300 }, (_, i) => `"filler${String(i).padStart(3, '0')}": "${'v'.repeat(24)}",`);
    lines[110] = '"kind": "Secret",';
    const data = bytes(lines.join('\n'));
    const hashed = hashLines(data);
    const span = (i: number): [number, number] => [hashed.starts[i] as number, hashed.ends[i] as number];
    const { text, focus } = sparseText(data, hashed, [span(100), span(180), span(185)], /kind: secret|"secret"/i, new BufferPool());
    const out = text.split('\n');
    expect(out).toHaveLength(300);
    out.forEach((line, i) => expect(line === '' || line === lines[i], `line ${i}`).toBe(true));
    expect(out[110], "the far keyword in the second window's lookbehind keeps it").toBe(lines[110]);
    expect(focus.map(([from, to]) => text.slice(from, to))).toEqual([lines[100], lines[180], lines[185]]);
  });

  it('keeps the far lookbehind (8 KB) only where a keyword of a far-reaching rule is in it or in the window', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `"filler${i}": "${'v'.repeat(20)}",`);
    const far = /kind: secret|"secret"/i;
    const focusOn = (text: string[], at: number, keywords?: RegExp | 'always') => {
      const data = bytes(text.join('\n'));
      const hashed = hashLines(data);
      return sparseText(data, hashed, [[hashed.starts[at] as number, hashed.ends[at] as number]], keywords).text.split('\n');
    };
    // ~36 bytes a line: 2048 bytes reach ~57 lines up, 8192 bytes ~228.
    expect(focusOn(lines, 300, far)[200], 'no keyword: only the near bytes').toBe('');
    expect(focusOn(lines, 300, far)[250], 'within the near bytes').toBe(lines[250]);
    const withKind = [...lines];
    withKind[100] = '"kind": "Secret",';
    expect(focusOn(withKind, 300, far)[100], 'a keyword in the far lookbehind keeps it').toBe(withKind[100]);
    expect(focusOn(withKind, 300, far)[60], 'not beyond it').toBe('');
    expect(focusOn(withKind, 300)[100], 'no far-reaching rule: no far lookbehind').toBe('');
    const inWindow = [...lines];
    inWindow[300] = '"password": "Secret"';
    expect(focusOn(inWindow, 300, far)[100], 'a keyword in the window keeps it too').toBe(lines[100]);
    expect(focusOn(lines, 300, 'always')[100], 'a far-reaching rule without keywords: always').toBe(lines[100]);
    const accented = lines.map((line) => `${line} é`);
    accented[100] = '"kind": "Secret", é';
    expect(focusOn(accented, 300, far)[100], 'UTF-8 text').toBe(accented[100]);
  });

  it('takes the far keywords from the rules whose lookbehind reaches lines above', () => {
    const far = (keywords: string[]) =>
      testRule({ id: `far-${keywords.length}`, keywords, pattern: '(?<=kind: Secret[\\s\\S]{0,8000})password: (?<secret>\\w{8,})' });
    const near = testRule({ id: 'near', keywords: ['token'], pattern: 'token=(?<secret>\\w{8,})' });
    expect(farKeywordsOf(compileJs(near)), 'no far-reaching rule').toBeUndefined();
    const keywords = farKeywordsOf(compileJs(near, far(['kind: secret'])));
    expect(keywords instanceof RegExp && keywords.test('KIND: Secret')).toBe(true);
    expect(farKeywordsOf(compileJs(far([]))), 'a far-reaching rule without keywords runs everywhere').toBe('always');
    expect(farKeywordsOf(compileJs(far(['kind: sécret']))), 'a keyword beyond ASCII').toBe('always');
  });

  it('leaves lines far above the focus empty', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `a longer line number ${i} of filler`);
    const data = bytes(lines.join('\n'));
    const start = data.indexOf('a longer line number 1900 ');
    const { text } = sparseText(data, hashLines(data), [[start, start + (lines[1900] as string).length]]);
    const out = text.split('\n');
    expect(out).toHaveLength(2000);
    expect(out[10]).toBe('');
    expect(out[1900]).toBe(lines[1900]);
  });
});

describe('lineage: versions linked by bases, read in any order', () => {
  const scanner = {} as TextScanner;
  const finding = (line: number, start: number): Finding =>
    ({
      ruleId: 'r',
      title: 't',
      severity: 'high',
      path: 'a.txt',
      line,
      column: 1,
      endLine: line,
      endColumn: 5,
      start,
      end: start + 4,
      secret: 's3cr',
      entropy: 2,
      validation: 'none',
    }) as Finding;

  it('scans the newest version whole, an older one on the lines the newer lacks, and carries findings back to it', () => {
    const v1 = bytes('one\nsecret line\nthree\n');
    const v2 = bytes('zero\none\nsecret line\nthree\nfour\n');
    const tasks = [
      { oid: 'v2', paths: ['a.txt'], base: 'v1' },
      { oid: 'v1', paths: ['a.txt'] },
    ];
    const lineage = new Lineage(tasks, scanner);
    const newest = lineage.plan(tasks[0] as LineageTask, v2);
    expect(newest.focus, 'nothing read yet: whole').toBeUndefined();
    lineage.done(tasks[0] as LineageTask, newest, [finding(3, 9)]);
    const older = lineage.plan(tasks[1] as LineageTask, v1);
    expect(older.focus, 'every line of v1 is in v2').toEqual([]);
    expect(older.carried.map((f) => [f.line, f.start])).toEqual([[2, 4]]);
    lineage.done(tasks[1] as LineageTask, older, older.carried);
  });

  it('scans a version whose neighbours are unread against the version of its file read last, and keeps nothing once all are read', () => {
    // v1 <- v2 <- v3 <- v4, read v4, v2, v3, v1 (pack order visits versions out of turn).
    const texts: Record<string, string> = {
      v1: 'a\nb\nc\n',
      v2: 'a\nb\nc\nd\n',
      v3: 'a\nb\nc\nd\ne\n',
      v4: 'a\nb\nc\nd\ne\nf\n',
    };
    const tasks: LineageTask[] = [
      { oid: 'v4', paths: ['a.txt'], base: 'v3' },
      { oid: 'v2', paths: ['a.txt'], base: 'v1' },
      { oid: 'v3', paths: ['a.txt'], base: 'v2' },
      { oid: 'v1', paths: ['a.txt'] },
    ];
    const lineage = new Lineage(tasks, scanner);
    const planned = tasks.map((task) => {
      const plan = lineage.plan(task, bytes(texts[task.oid] as string));
      lineage.done(task, plan, task.oid === 'v4' ? [finding(1, 0)] : plan.carried);
      return plan;
    });
    expect(planned.map((plan) => plan.focus)).toEqual([undefined, [], [], []]);
    expect(
      planned[1]?.carried.map((f) => f.line),
      "v4's finding carried to v2 through two steps",
    ).toEqual([1]);
    expect(planned.at(-1)?.lines, 'the last version is hashed (its neighbour was read)').toBeDefined();
    expect((lineage as unknown as { kept: Map<string, unknown> }).kept.size, 'nothing kept once every version is read').toBe(0);
  });

  it('scans a version against the kept version of its file nearest in size, not a linked one that shares few of its lines', () => {
    // v1 <- v2 <- v3 <- v4: a bundle that drops most of its lines in v4; read v1, v4, v3, v2.
    const big = Array.from({ length: 400 }, (_, i) => `export const dependency${i} = ${i};`);
    const texts: Record<string, string> = {
      v1: `${big.join('\n')}\n`,
      v2: `${big.join('\n')}\nexport const two = 2;\n`,
      v3: `${big.join('\n')}\nexport const two = 2;\nexport const three = 3;\n`,
      v4: 'export const two = 2;\nexport const three = 3;\nexport const four = 4;\n',
    };
    const tasks: LineageTask[] = [
      { oid: 'v1', paths: ['dist/app.js'] },
      { oid: 'v4', paths: ['dist/app.js'], base: 'v3' },
      { oid: 'v3', paths: ['dist/app.js'], base: 'v2' },
      { oid: 'v2', paths: ['dist/app.js'], base: 'v1' },
    ];
    const lineage = new Lineage(tasks, scanner);
    const focusOf = new Map<string, string[]>();
    for (const task of tasks) {
      const data = bytes(texts[task.oid] as string);
      const plan = lineage.plan(task, data);
      focusOf.set(task.oid, plan.focus?.map(([from, to]) => data.subarray(from, to).toString()) ?? ['(whole)']);
      lineage.done(task, plan, plan.carried);
    }
    expect(focusOf.get('v1')).toEqual(['(whole)']);
    expect(focusOf.get('v4'), 'against v1, the only one read').toEqual([
      'export const two = 2;\nexport const three = 3;\nexport const four = 4;',
    ]);
    expect(focusOf.get('v3'), 'against v1 (400 shared lines), not the linked v4 (2)').toEqual([
      'export const two = 2;\nexport const three = 3;',
    ]);
    expect(focusOf.get('v2'), 'against v1 (linked, nearest in size): the line it added').toEqual(['export const two = 2;']);
  });

  it('carries findings under the path of the blob they are carried to', () => {
    // The same content once at two paths: the older blob was first seen at old.txt, its successor at a.txt.
    const tasks: LineageTask[] = [
      { oid: 'v1', paths: ['old.txt', 'a.txt'] },
      { oid: 'v2', paths: ['a.txt'], base: 'v1' },
    ];
    const samePaths = { allowlist: { allowsPath: () => false }, ruleSet: { rules: [], pathBound: [] } } as unknown as TextScanner;
    const lineage = new Lineage(tasks, samePaths);
    const older = lineage.plan(tasks[0] as LineageTask, bytes('key line\n'));
    lineage.done(tasks[0] as LineageTask, older, [{ ...finding(1, 0), path: 'old.txt' }]);
    const newer = lineage.plan(tasks[1] as LineageTask, bytes('key line\nmore\n'));
    expect(newer.carried.map((f) => [f.path, f.line])).toEqual([['a.txt', 1]]);
  });

  it('keeps only the hashes of a version without findings, and the line starts of one with', () => {
    const text = bytes(Array.from({ length: 30000 }, (_, i) => `line ${i}`).join('\n'));
    const tasks: LineageTask[] = [
      { oid: 'v2', paths: ['a.txt'], base: 'v1' },
      { oid: 'v1', paths: ['a.txt'] },
    ];
    for (const findings of [[], [finding(2, 5)]]) {
      const lineage = new Lineage(tasks, scanner);
      const plan = lineage.plan(tasks[0] as LineageTask, text);
      const { starts, ends } = plan.lines as TextLines;
      lineage.done(tasks[0] as LineageTask, plan, findings);
      // The pool hands out the buffers given back (others of the thread's may come first).
      const given = Array.from({ length: 12 }, () => threadPool.acquire(ends.byteLength));
      expect(given.includes(ends.buffer as ArrayBuffer), 'line ends go back to the pool').toBe(true);
      expect(given.includes(starts.buffer as ArrayBuffer), 'line starts go back unless there are findings').toBe(findings.length === 0);
      for (const buffer of given) threadPool.release(buffer);
      const older = lineage.plan(tasks[1] as LineageTask, text);
      expect(
        older.carried.map((f) => f.line),
        'findings still carried',
      ).toEqual(findings.map((f) => f.line));
      lineage.done(tasks[1] as LineageTask, older, older.carried);
    }
  });

  it('scans whole a version whose linked versions are not in the segment', () => {
    const lineage = new Lineage([{ oid: 'b', paths: ['a.txt'], base: 'elsewhere' }], scanner);
    expect(lineage.plan({ oid: 'b', paths: ['a.txt'], base: 'elsewhere' }, bytes('x\n'))).toEqual({ carried: [] });
  });
});
