import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { TREE_BATCH_FILES, TREE_WORKER_MIN_BYTES } from '../../src/scan/tree-scan.js';
import { githubToken } from '../helpers/tokens.js';
import { buildTestCli, removeTestCli } from './built-cli.js';
import { TestRepo } from './git-fixture.js';

let cli = '';
let big: TestRepo;
let small: TestRepo;

const FILE_BYTES = 48 * 1024;
const SECRET_EVERY = 7;

/** Source-like filler of about `bytes` bytes, different per file. */
function filler(file: number, bytes: number): string {
  const line = `const value${file} = compute(request.header, response.body, ${file}); // handler\n`;
  return line.repeat(Math.ceil(bytes / line.length));
}

/**
 * A work tree just over the worker threshold, spread over many batches: every seventh file holds
 * a fresh token and a token shared by all of them, plus a binary file and one `.unleakignore`d.
 */
function bigTree(): { repo: TestRepo; secretFiles: number } {
  // A root commit gives the repository's fingerprint salt, so fingerprints are equal run after run.
  const repo = TestRepo.create('unleak-tree-workers-').write({ 'README.md': 'tree\n' });
  repo.commitAll('root');
  const count = Math.ceil((TREE_WORKER_MIN_BYTES * 1.1) / FILE_BYTES);
  const shared = githubToken();
  const files: Record<string, string | Buffer> = {};
  let secretFiles = 0;
  for (let f = 0; f < count; f++) {
    let text = filler(f, FILE_BYTES);
    if (f % SECRET_EVERY === 0) {
      text = `${text.slice(0, 4000)}TOKEN=${githubToken()}\n${text.slice(4000)}SHARED=${shared}\n`;
      secretFiles += 1;
    }
    files[`pkg${f % 9}/file${f}.ts`] = text;
  }
  files['assets/blob.bin'] = Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`TOKEN=${githubToken()}`)]);
  files['ignored/secret.env'] = `TOKEN=${githubToken()}\n`;
  files['.unleakignore'] = 'ignored/\n';
  repo.write(files);
  expect(count, 'enough batches for both threads').toBeGreaterThan(TREE_BATCH_FILES * 6);
  return { repo, secretFiles };
}

let secretFiles = 0;

beforeAll(async () => {
  cli = await buildTestCli();
  ({ repo: big, secretFiles } = bigTree());
  small = TestRepo.create('unleak-tree-small-');
  small.commitAll('root');
  small.write({ 'a.env': `TOKEN=${githubToken()}\n`, 'b.ts': filler(1, 2000) });
}, 240_000);
afterAll(() => {
  removeTestCli();
  for (const repo of [big, small]) if (repo) rmSync(repo.dir, { recursive: true, force: true });
});

interface Report {
  findings: { path: string; line: number }[];
  stats: Record<string, number | string>;
}

function scan(repo: TestRepo, args: string[]): { report: Report; debug: string } {
  const ran = repo.run(process.execPath, [cli, 'scan', '--format', 'json', ...args], { env: { UNLEAK_DEBUG: '1' } });
  expect(ran.code, ran.stderr).toBe(1);
  const report = JSON.parse(ran.stdout) as Report;
  delete report.stats.durationMs;
  return { report, debug: ran.stderr };
}

describe('working-tree scan on worker threads (built CLI)', () => {
  it('gives the same findings, stats and order on one thread and on two, run after run, git-aware or not', { timeout: 240_000 }, () => {
    for (const mode of [['--no-git'], []]) {
      const runs = [['--jobs', '2'], ['--jobs', '2'], ['--jobs', '1'], []].map((extra) => scan(big, [...mode, ...extra]));
      expect(runs[0]?.debug).toMatch(/on 2 threads \(this one and 1 worker\)/);
      expect(Number(/(\d+) on the workers/.exec(runs[0]?.debug ?? '')?.[1]), 'the worker scanned batches of its own').toBeGreaterThan(0);
      expect(runs[2]?.debug).toMatch(/on this thread \(one job\)/);
      const first = runs[0]?.report as Report;
      expect(
        first.findings,
        'a fresh and a shared token in every seventh file; the binary and ignored files are not reported',
      ).toHaveLength(secretFiles * 2);
      expect(first.findings.some((f) => f.path.startsWith('ignored/') || f.path.startsWith('assets/'))).toBe(false);
      expect(first.stats.skippedBinary).toBe(1);
      for (const run of runs.slice(1)) expect(run.report).toEqual(first);
    }
  });

  it('keeps a small tree on one thread: no worker starts', { timeout: 60_000 }, () => {
    const { report, debug } = scan(small, ['--no-git']);
    expect(debug).toMatch(/tree scan of 2 files on this thread \(small tree\)/);
    expect(report.findings.map((f) => f.path)).toEqual(['a.env']);
  });

  it('refuses a --jobs that is not a whole number of at least 1 (exit 2, UNLEAK_USAGE)', { timeout: 60_000 }, () => {
    for (const jobs of ['0', '-1', '1.5', 'two']) {
      const ran = small.run(process.execPath, [cli, 'scan', '--no-git', `--jobs=${jobs}`]);
      expect(ran.code, jobs).toBe(2);
      expect(ran.stderr).toContain('UNLEAK_USAGE');
      expect(ran.stderr).toContain(`--jobs takes a whole number of at least 1, got "${jobs}"`);
    }
  });
});
