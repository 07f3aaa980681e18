import { describe, expect, it } from 'vitest';
import { CommitLogParser, parseRawDiff, type LogCommit } from '../../src/sources/index.js';

const Z = '0'.repeat(40);
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

const header = (oid: string, parents: string, message: string) =>
  `\u0001${oid}\u0000${parents}\u0000Ann\u0000ann@example.test\u00002024-01-01T00:01:00+00:00\u0000${message}\u0000`;
const sample = [
  header(A, '', 'first\n\nbody with : colon and \u0001 marker\n'),
  `\u0000\n:000000 100644 ${Z} ${B} A\u0000dir/file name.txt\u0000`,
  header(B, A, 'empty commit\n'),
  header(C, `${A} ${B}`, 'merge\n'),
  `\u0000\u0000::100644 100644 100644 ${A} ${B} ${C} MM\u0000merged.txt\u0000`,
].join('');

function parse(chunks: Buffer[]): LogCommit[] {
  const commits: LogCommit[] = [];
  const parser = new CommitLogParser((commit) => commits.push(commit));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return commits;
}

describe('CommitLogParser', () => {
  it('reads commits, messages with odd characters, empty commits and combined merge entries', () => {
    const commits = parse([Buffer.from(sample)]);
    expect(commits.map((c) => [c.oid, c.parents.length, c.message.split('\n')[0], c.changes.length])).toEqual([
      [A, 0, 'first', 1],
      [B, 1, 'empty commit', 0],
      [C, 2, 'merge', 1],
    ]);
    expect(commits[0]?.message).toContain('\u0001 marker');
    expect(commits[0]?.changes[0]).toMatchObject({ status: 'A', newOid: B, newMode: '100644', path: 'dir/file name.txt', oldOids: [Z] });
    expect(commits[2]?.changes[0]).toMatchObject({ status: 'MM', newOid: C, oldOids: [A, B], path: 'merged.txt' });
    expect(commits[0]).toMatchObject({ author: 'Ann', email: 'ann@example.test', date: '2024-01-01T00:01:00+00:00' });
  });

  it('gives the same commits however the stream is cut', () => {
    const bytes = Buffer.from(sample);
    const whole = parse([bytes]);
    for (let cut = 1; cut < bytes.length; cut += 7) expect(parse([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(whole);
  });
});

describe('parseRawDiff', () => {
  it('reads additions, renames with two paths and deletions', () => {
    const raw = `:000000 100644 ${Z} ${A} A\u0000new.txt\u0000:100644 100644 ${B} ${C} R087\u0000old.txt\u0000moved.txt\u0000:100644 000000 ${B} ${Z} D\u0000gone.txt\u0000`;
    expect(parseRawDiff(raw).map((c) => [c.status, c.oldPath, c.path])).toEqual([
      ['A', undefined, 'new.txt'],
      ['R087', 'old.txt', 'moved.txt'],
      ['D', undefined, 'gone.txt'],
    ]);
  });
});
