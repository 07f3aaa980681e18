import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gitEnv as actionGitEnv } from '../action/helpers/git-repo.js';
import { gitEnv, TestRepo } from '../git/git-fixture.js';
import { EXTERNAL_TOOLS } from '../helpers/external-tools.js';
import { unitFiles } from '../../vitest.config.js';

/**
 * `npm test` must pass in a fresh clone on a machine with only Node and git: no test reads
 * outside the repository (the team's ../shared folder is not in a clone), a test that runs an
 * external program skips visibly without it, and no test touches machine-wide files.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

const files = [...sources('test'), ...sources('scripts'), ...sources('src')].filter(
  (path) => path !== relative(ROOT, fileURLToPath(import.meta.url)),
);
const text = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('a fresh clone runs the tests', () => {
  it('no test or script reads ../shared (what tests need is in fixtures/)', () => {
    const offenders = files.filter((path) => /\.\.\/shared\/|['"]\.\.['"],\s*['"]shared['"]/.test(text(path)));
    expect(offenders).toEqual([]);
  });

  it('no test or script names a path of one machine (/work/…, /home/…)', () => {
    const offenders = files.filter((path) => /['"`](?:\/work\/|\/home\/|\/root\/)/.test(text(path)));
    expect(offenders).toEqual([]);
  });

  it('tests bundle sources only through bundleForTest, which fails on an import that does not resolve', () => {
    const offenders = files.filter(
      (path) => path.startsWith('test/') && path !== 'test/helpers/bundle.ts' && /from 'esbuild'|import\('esbuild'\)/.test(text(path)),
    );
    expect(offenders).toEqual([]);
  });

  it('unit-tier tests start no process, git repository, service or built dist/ (those are integration tests)', () => {
    expect(unitFiles.length).toBeGreaterThan(30);
    const integrationOnly =
      /node:child_process|\b(?:tempRepo|gitIn|runCli|runDistAction|buildTestCli|bundleForTest)\(|new (?:TestRepo|Upstream|FakeGitHub)\b|\bTestRepo\.create\(|from '(?:pg|mysql2|ioredis|amqplib)'|createServer\(|\.listen\(/;
    const offenders = unitFiles.filter((path) => integrationOnly.test(text(path)));
    expect(offenders).toEqual([]);
  });

  it('every test file that runs age, age-keygen, git-filter-repo, pre-commit, ssh-keygen or rg skips visibly without it (requireTools)', () => {
    const programs = Object.keys(EXTERNAL_TOOLS).map((tool) => (tool === 'git-filter-repo' ? `'filter-repo'` : `'${tool}'`));
    const runsOne = new RegExp(`(?:execFileSync|spawnSync|execFile|spawn|\\.run)\\(\\s*(?:${programs.join('|')})|\\[\\s*'filter-repo'`);
    const offenders = files.filter(
      (path) =>
        path.startsWith('test/') &&
        path.endsWith('.test.ts') &&
        runsOne.test(text(path)) &&
        !/require(?:Tools|AgeTools)\(/.test(text(path)),
    );
    expect(offenders).toEqual([]);
  });

  it('only tests that run the age CLI depend on it: identities come from ageKeygen, made in-process', () => {
    const offenders = files.filter(
      (path) =>
        path.startsWith('test/') &&
        path.endsWith('.test.ts') &&
        /requireAgeTools\(/.test(text(path)) &&
        !/(?:execFileSync|spawnSync|execFile|spawn)\(\s*'age(?:-keygen)?'/.test(text(path)),
    );
    expect(offenders).toEqual([]);
  });

  it('no git environment points GIT_CONFIG_GLOBAL at /dev/null', () => {
    const offenders = files.filter((path) => /GIT_CONFIG_GLOBAL['"]?\s*[:=]\s*['"]\/dev\/null/.test(text(path)));
    expect(offenders).toEqual([]);
  });

  it('test git environments use an empty temp file as the global config, and a --global write lands there', () => {
    for (const env of [gitEnv(), actionGitEnv]) {
      const path = env.GIT_CONFIG_GLOBAL ?? '';
      expect(statSync(path).isFile(), path).toBe(true);
      expect(path.startsWith(tmpdir())).toBe(true);
      expect(env.GIT_CONFIG_NOSYSTEM).toBe('1');
    }
    const repo = TestRepo.create();
    const path = gitEnv().GIT_CONFIG_GLOBAL ?? '';
    repo.git('config', '--global', 'unleak.fresh-clone-check', 'written');
    expect(readFileSync(path, 'utf8')).toContain('fresh-clone-check = written');
    repo.git('config', '--global', '--unset', 'unleak.fresh-clone-check');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});
