import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLooseBlob, StagedObjectReader } from '../../src/sources/loose-objects.js';
import { githubToken } from '../helpers/tokens.js';
import { buildTestCli, removeTestCli } from './built-cli.js';
import { gitEnv, TestRepo } from './git-fixture.js';

/** The blob's bytes as git gives them. */
const gitBlob = (repo: TestRepo, oid: string): Buffer =>
  spawnSync('git', ['cat-file', 'blob', oid], { cwd: repo.dir, env: gitEnv() }).stdout;

describe('blobs read from loose objects (a staged scan starts no cat-file for them)', () => {
  const files: Record<string, string | Buffer> = {
    'a.txt': 'token = "abc"\n',
    'crlf.ini': 'a=1\r\nb=2\r\n',
    'empty.txt': '',
    'bin.dat': Buffer.from([0, 1, 2, 255, 254, 10, 0]),
    'accents.md': 'café — naïve\n',
    'big.txt': `${'x'.repeat(200_000)}\n`,
  };

  it('gives what git gives for each staged blob, and nothing for what is not a loose blob', () => {
    const repo = TestRepo.create().write(files);
    repo.git('add', '-A');
    const objects = join(repo.dir, '.git', 'objects');
    for (const path of Object.keys(files)) {
      const oid = repo.git('rev-parse', `:${path}`).trim();
      const blob = readLooseBlob(objects, oid, Number.POSITIVE_INFINITY);
      expect(blob?.content?.equals(gitBlob(repo, oid)), path).toBe(true);
      expect(blob?.size).toBe(gitBlob(repo, oid).length);
    }
    const big = repo.git('rev-parse', ':big.txt').trim();
    expect(readLooseBlob(objects, big, 100_000), 'over the size limit: git decides').toBeUndefined();
    const tree = repo.git('write-tree').trim();
    expect(readLooseBlob(objects, tree, Number.POSITIVE_INFINITY), 'a tree').toBeUndefined();
    expect(readLooseBlob(objects, ':a.txt', Number.POSITIVE_INFINITY), 'a name, not an id').toBeUndefined();
    expect(readLooseBlob(objects, '0'.repeat(40), Number.POSITIVE_INFINITY), 'absent').toBeUndefined();
    const oid = repo.git('rev-parse', ':a.txt').trim();
    writeFileSync(join(objects, oid.slice(0, 2), oid.slice(2)), 'not zlib');
    expect(readLooseBlob(objects, oid, Number.POSITIVE_INFINITY), 'corrupt').toBeUndefined();
  });

  it('reads packed objects, names and over-limit blobs through git, started only then', async () => {
    const repo = TestRepo.create().write(files);
    repo.commitAll('one');
    repo.git('gc', '-q');
    const reader = new StagedObjectReader({ cwd: repo.dir, env: gitEnv() }, join(repo.dir, '.git', 'objects'));
    reader.maxContentSize = 100_000;
    try {
      const packed = repo.git('rev-parse', 'HEAD:a.txt').trim();
      expect(readLooseBlob(join(repo.dir, '.git', 'objects'), packed, Number.POSITIVE_INFINITY)).toBeUndefined();
      expect((await reader.read(packed)).content?.toString()).toBe('token = "abc"\n');
      expect((await reader.read('HEAD:crlf.ini')).content?.toString()).toBe('a=1\r\nb=2\r\n');
      const big = await reader.read(repo.git('rev-parse', 'HEAD:big.txt').trim());
      expect([big.size, big.content]).toEqual([200_001, undefined]);
      expect((await reader.read('f'.repeat(40))).missing).toBe(true);
    } finally {
      await reader.close();
    }
    await expect(reader.read('HEAD:a.txt')).rejects.toThrow(/closed/);
  });
});

describe('a pre-commit scan of a blob git keeps packed', () => {
  let cli = '';
  beforeAll(async () => {
    cli = await buildTestCli();
  }, 120_000);
  afterAll(() => removeTestCli());

  it('finds the secret of a staged file whose blob is only in a pack (no loose copy: git cat-file reads it)', () => {
    const token = githubToken();
    const repo = TestRepo.create().write({ 'deploy.env': `GITHUB_TOKEN=${token}\n`, 'a.txt': 'a\n' });
    repo.commitAll('with the file');
    repo.git('rm', '-q', '--cached', 'deploy.env');
    repo.commit('without it');
    repo.git('gc', '-q', '--prune=now');
    repo.git('add', 'deploy.env');
    const oid = repo.git('rev-parse', ':deploy.env').trim();
    expect(readLooseBlob(join(repo.dir, '.git', 'objects'), oid, Number.POSITIVE_INFINITY), 'git add wrote no loose copy').toBeUndefined();
    const ran = spawnSync(process.execPath, [cli, 'scan', '--staged', '--format', 'json'], {
      cwd: repo.dir,
      env: gitEnv(),
      encoding: 'utf8',
    });
    expect(ran.status, ran.stderr).toBe(1);
    const report = JSON.parse(ran.stdout) as { findings: { path: string; line: number }[] };
    expect(report.findings.map((f) => [f.path, f.line])).toEqual([['deploy.env', 1]]);
  }, 60_000);
});
