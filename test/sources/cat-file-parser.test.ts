import { describe, expect, it } from 'vitest';
import { CatFileParser, type GitObject } from '../../src/sources/index.js';

const oid = (n: number) => String(n).repeat(40).slice(0, 40);
const output = Buffer.concat([
  Buffer.from(`${oid(1)} blob 5\nhello\n`),
  Buffer.from(`${oid(2)} missing\n`),
  Buffer.from(`${oid(3)} blob 0\n\n`),
  Buffer.from(`${oid(4)} blob 3\n`),
  Buffer.from([0, 10, 255]),
  Buffer.from('\n'),
]);

function parse(chunks: Buffer[], max?: number): GitObject[] {
  const objects: GitObject[] = [];
  const parser = new CatFileParser((object) => objects.push(object), max);
  for (const chunk of chunks) parser.push(chunk);
  expect(parser.idle).toBe(true);
  return objects;
}

describe('CatFileParser', () => {
  it('parses blobs, missing objects, empty blobs and binary content with newlines', () => {
    const objects = parse([output]);
    expect(objects.map((o) => [o.oid, o.missing, o.size, o.content?.toString('latin1')])).toEqual([
      [oid(1), false, 5, 'hello'],
      [oid(2), true, 0, undefined],
      [oid(3), false, 0, ''],
      [oid(4), false, 3, '\u0000\n\u00ff'],
    ]);
  });

  it('gives the same objects however the stream is cut', () => {
    const whole = parse([output]);
    for (let cut = 1; cut < output.length; cut++) {
      expect(parse([output.subarray(0, cut), output.subarray(cut)])).toEqual(whole);
    }
    expect(parse([...output].map((byte) => Buffer.from([byte])))).toEqual(whole);
  });

  it('reads a missing name that holds spaces (a <rev>:<path> request) as missing', () => {
    const objects = parse([Buffer.from(`MERGE_HEAD:my file.txt missing\n${oid(1)} blob 2\nhi\n`)]);
    expect(objects.map((o) => [o.oid, o.missing])).toEqual([
      ['MERGE_HEAD:my file.txt', true],
      [oid(1), false],
    ]);
  });

  it('skips the content of objects over the size limit but keeps their size', () => {
    const objects = parse([output], 4);
    expect(objects[0]).toMatchObject({ oid: oid(1), size: 5, content: undefined, missing: false });
    expect(objects[3]?.content?.length).toBe(3);
  });
});
